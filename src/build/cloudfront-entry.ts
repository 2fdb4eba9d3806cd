/**
 * Turns esbuild's ES module output into the file CloudFront wants: a top-level `function handler(event)`,
 * no `export`, the `cloudfront` import first. Works on the syntax tree, not on text patterns.
 *
 * The entry (functions/viewer-request.ts) only forwards: `handler(event) { return core(event, config, cf) }`.
 * CloudFront runs the function interpreted on every request, where a call costs about a tenth of the
 * whole function, so when the entry is exactly that forwarder and nothing else calls the core, the core
 * itself becomes `handler`, with the two bound arguments as local variables.
 */
import { parse } from 'acorn';
import { FunctionBuildError } from './build-errors.ts';
import { CLOUDFRONT_IMPORT } from './check-cloudfront-function.ts';

type AnyNode = { type: string; start: number; end: number } & Record<string, any>;

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(code: string, edits: Edit[]): string {
  let out = code;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function countReferences(program: AnyNode, name: string): number {
  let n = 0;
  const visit = (node: unknown, key: string | null, parent: AnyNode | null): void => {
    if (Array.isArray(node)) return node.forEach((child) => visit(child, key, parent));
    if (!node || typeof node !== 'object' || typeof (node as AnyNode).type !== 'string') return;
    const x = node as AnyNode;
    const isName = parent && ((parent.type === 'MemberExpression' && key === 'property' && !parent.computed) || (parent.type === 'Property' && key === 'key' && !parent.computed));
    if (x.type === 'Identifier' && x.name === name && !isName) n++;
    for (const k of Object.keys(x)) if (k !== 'type' && k !== 'start' && k !== 'end') visit(x[k], k, x);
  };
  visit(program, null, null);
  return n;
}

function topLevelFunction(program: AnyNode, name: string): AnyNode | undefined {
  return program.body.find((s: AnyNode) => s.type === 'FunctionDeclaration' && s.id.name === name);
}

/** The edits that fold a forwarding entry into its core, or null when the entry is not exactly that. */
function foldForwarder(program: AnyNode, entry: AnyNode): Edit[] | null {
  const ret = entry.body.body.length === 1 ? entry.body.body[0] : null;
  const call = ret && ret.type === 'ReturnStatement' ? ret.argument : null;
  if (!call || call.type !== 'CallExpression' || call.callee.type !== 'Identifier' || entry.params.length !== 1) return null;
  const args: AnyNode[] = call.arguments;
  if (args.length < 1 || !args.every((a) => a.type === 'Identifier') || args[0].name !== entry.params[0].name) return null;
  const core = topLevelFunction(program, call.callee.name);
  if (!core || core.async || core.params.length !== args.length || !core.params.every((p: AnyNode) => p.type === 'Identifier')) return null;
  if (countReferences(program, core.id.name) !== 2) return null; // its declaration and this call
  const params: string[] = core.params.map((p: AnyNode) => p.name);
  const bound = params.slice(1).map((p, i) => `${p}=${args[i + 1].name}`);
  const head = `function handler(${params[0]}){` + (bound.length > 0 ? `var ${bound.join(',')};` : '');
  return [
    { start: core.start, end: core.body.start + 1, text: head },
    { start: entry.start, end: entry.end, text: '' },
  ];
}

/** The CloudFront Function file for esbuild's ES module output of the viewer-request entry. */
export function cloudFrontFunctionFile(esm: string): string {
  let program: AnyNode;
  try {
    program = parse(esm, { ecmaVersion: 2022, sourceType: 'module' }) as unknown as AnyNode;
  } catch (cause) {
    throw new FunctionBuildError(`esbuild output does not parse: ${(cause as Error).message}`, { cause });
  }
  const edits: Edit[] = [];
  let entryName: string | null = null;
  let usesCloudFront = false;
  for (const s of program.body as AnyNode[]) {
    if (s.type === 'ExportNamedDeclaration' && !s.declaration && s.specifiers.length === 1 && s.specifiers[0].exported.name === 'handler') {
      entryName = s.specifiers[0].local.name;
      edits.push({ start: s.start, end: s.end, text: '' });
    } else if (s.type === 'ImportDeclaration' && s.source.value === 'cloudfront' && s.specifiers.length === 1 && s.specifiers[0].type === 'ImportDefaultSpecifier') {
      usesCloudFront = true;
      const local = s.specifiers[0].local.name;
      edits.push({ start: s.start, end: s.end, text: local === 'cf' ? '' : `var ${local}=cf;` });
    } else if (s.type === 'ImportDeclaration' || s.type.startsWith('Export')) {
      throw new FunctionBuildError(`esbuild output has module syntax CloudFront cannot load: ${esm.slice(s.start, s.end)}`);
    }
  }
  if (entryName === null) throw new FunctionBuildError('esbuild output has no `export { … as handler }`; the entry must export `function handler`');
  const entry = topLevelFunction(program, entryName);
  if (!entry) throw new FunctionBuildError(`the exported handler ${entryName} is not a top-level function declaration`);
  const folded = foldForwarder(program, entry);
  if (folded) edits.push(...folded);
  else if (countReferences(program, entryName) === 2) edits.push({ start: entry.id.start, end: entry.id.end, text: 'handler' });
  else edits.push({ start: esm.length, end: esm.length, text: `function handler(event){return ${entryName}(event)}` });
  const body = applyEdits(esm, edits).trim();
  return (usesCloudFront ? CLOUDFRONT_IMPORT : '') + body + '\n';
}
