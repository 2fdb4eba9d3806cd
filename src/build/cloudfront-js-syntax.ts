/**
 * The syntax gate for cloudfront-js-2.0: ES 5.1 plus the additions AWS documents ("JavaScript runtime 2.0
 * features for CloudFront Functions": const/let, arrow functions, template literals, rest parameters, `**`,
 * async/await, named capture groups) and nothing else. esbuild's target refuses some newer syntax but
 * quietly lowers other (`?.`, `??`), so the built file itself is parsed and walked: what CloudFront would
 * reject never reaches it, whatever the bundler did.
 */
import { parse, type Node } from 'acorn';
import { full } from 'acorn-walk';

/**
 * Globals the runtime lacks; referring to one fails at the edge. (Module syntax, require, process, eval,
 * Function and timers are refused with their own messages by check-cloudfront-function.ts.)
 */
const UNAVAILABLE_GLOBALS = new Set([
  'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'Symbol', 'Proxy', 'Reflect', 'setImmediate', 'queueMicrotask',
  'global', 'Buffer', 'fetch', 'XMLHttpRequest', '__filename',
]);

/** Node types of syntax the runtime does not document, with the name a message uses. */
const UNSUPPORTED_NODES: Record<string, string> = {
  ObjectPattern: 'destructuring',
  ArrayPattern: 'destructuring',
  AssignmentPattern: 'a default parameter or destructuring default',
  SpreadElement: 'spread',
  ClassDeclaration: 'a class',
  ClassExpression: 'a class',
  ForOfStatement: 'for...of',
  ChainExpression: 'optional chaining (?.)',
  YieldExpression: 'a generator',
  TaggedTemplateExpression: 'a tagged template',
  MetaProperty: 'new.target or import.meta',
};

type AnyNode = Node & Record<string, any>;

function problemsIn(program: AnyNode): string[] {
  const problems = new Set<string>();
  full(program, (node) => {
    const n = node as AnyNode;
    const name = UNSUPPORTED_NODES[n.type];
    if (name) problems.add(name);
    if ((n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') && n.generator) problems.add('a generator');
    if (n.type === 'LogicalExpression' && n.operator === '??') problems.add('nullish coalescing (??)');
    if (n.type === 'AssignmentExpression' && ['??=', '||=', '&&='].includes(n.operator)) problems.add(`logical assignment (${n.operator})`);
    if (n.type === 'Property' && n.computed) problems.add('a computed property key');
    if (n.type === 'Property' && (n.shorthand || n.method || n.kind !== 'init')) problems.add('shorthand properties, methods or accessors in an object literal');
    if (n.type === 'CatchClause' && n.param === null) problems.add('optional catch binding');
    if (n.type === 'Literal' && typeof n.bigint === 'string') problems.add('a BigInt literal');
    if (n.type === 'Literal' && n.regex && /[^gim]/.test(n.regex.flags)) problems.add(`the regular expression flag(s) "${n.regex.flags.replace(/[gim]/g, '')}"`);
    if (n.type === 'MemberExpression' && !n.computed && n.object.type === 'Identifier' && n.object.name === 'Array' && n.property.name === 'from') problems.add('Array.from');
  });
  // Free references to missing globals: identifiers in expression position that no declaration binds.
  const declared = new Set<string>();
  full(program, (node) => {
    const n = node as AnyNode;
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier') declared.add(n.id.name);
    if ((n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') && n.id) declared.add(n.id.name);
    if (n.type === 'ImportDefaultSpecifier') declared.add(n.local.name);
    if (n.params) for (const p of n.params as AnyNode[]) if (p.type === 'Identifier') declared.add(p.name);
    if (n.type === 'CatchClause' && n.param && n.param.type === 'Identifier') declared.add(n.param.name);
  });
  // acorn-walk visits neither non-computed member names nor object keys, so every Identifier seen is a binding or a reference.
  full(program, (node) => {
    const n = node as AnyNode;
    if (n.type === 'Identifier' && UNAVAILABLE_GLOBALS.has(n.name) && !declared.has(n.name)) problems.add(`the global ${n.name}, which cloudfront-js-2.0 does not provide`);
  });
  return [...problems];
}

/**
 * Problems that would make CloudFront reject or fail the function, or [] when the code only uses what
 * cloudfront-js-2.0 documents. A parse error is a problem too.
 */
export function cloudFrontSyntaxProblems(code: string): string[] {
  let program: AnyNode;
  try {
    program = parse(code, { ecmaVersion: 2022, sourceType: 'module', allowAwaitOutsideFunction: false }) as AnyNode;
  } catch (error) {
    return [`not parseable JavaScript: ${(error as Error).message}`];
  }
  return problemsIn(program);
}
