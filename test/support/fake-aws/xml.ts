/**
 * The little XML the fake AWS services need: parse what the SDK's REST-XML serializer sends, build what
 * its deserializer reads. Elements, text and entities only; attributes (the xmlns) are read and ignored.
 */

export interface XmlNode {
  name: string;
  children: XmlNode[];
  /** The element's text when it has no child elements. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e],
  );
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Parses a document into its root element. Throws on anything malformed (the fake answers 400 then). */
export function parseXml(source: string): XmlNode {
  const body = source.replace(/^\s*<\?xml[^>]*\?>/, '');
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  const stack: XmlNode[] = [{ name: '#document', children: [], text: '' }];
  let last = 0;
  for (let m = tag.exec(body); m !== null; m = tag.exec(body)) {
    const between = body.slice(last, m.index);
    if (between.includes('<')) throw new Error(`malformed XML near "${between.slice(0, 40)}"`);
    stack[stack.length - 1].text += decode(between);
    last = tag.lastIndex;
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      const open = stack.pop()!;
      if (open.name !== name) throw new Error(`malformed XML: </${name}> closes <${open.name}>`);
      if (open.children.length > 0) open.text = '';
    } else {
      const node: XmlNode = { name, children: [], text: '' };
      stack[stack.length - 1].children.push(node);
      if (!selfClosing) stack.push(node);
    }
  }
  if (stack.length !== 1 || stack[0].children.length !== 1 || body.slice(last).trim() !== '') throw new Error('malformed XML: unclosed element or trailing text');
  return stack[0].children[0];
}

export function buildXml(node: XmlNode, xmlns?: string): string {
  const attrs = xmlns ? ` xmlns="${xmlns}"` : '';
  const inner = node.children.length > 0 ? node.children.map((c) => buildXml(c)).join('') : escapeXml(node.text);
  return `<${node.name}${attrs}>${inner}</${node.name}>`;
}

export function el(name: string, ...content: Array<XmlNode | string | number | boolean | undefined>): XmlNode {
  const children = content.filter((c): c is XmlNode => typeof c === 'object');
  const text = content.filter((c) => c !== undefined && typeof c !== 'object').join('');
  return { name, children, text };
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name);
}

/** Follows a path of element names; undefined when any step is missing. */
export function at(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  return path.reduce<XmlNode | undefined>((n, name) => child(n, name), node);
}

export function textAt(node: XmlNode | undefined, ...path: string[]): string | undefined {
  return at(node, ...path)?.text;
}

/** Every element of the tree, depth first, with its parent. */
export function* walk(node: XmlNode, parent: XmlNode | null = null): Generator<[XmlNode, XmlNode | null]> {
  yield [node, parent];
  for (const c of node.children) yield* walk(c, node);
}

export const clone = (node: XmlNode): XmlNode => structuredClone(node);
