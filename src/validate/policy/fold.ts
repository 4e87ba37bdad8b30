// Constant folding of string-built names, for L3: a game that hides `fetch`, `localStorage` or the
// harness's own names from the rules by building them (`window['fe' + 'tch']`, template
// literals, `['fe', 'tch'].join('')`, `String.fromCharCode(102, …)`, `atob('ZmV0Y2g=')`, a
// `const` holding any of these) is read as if it had written the name. Only what is constant in
// the code itself is folded; anything computed at run time is left to L4, the backstop.
import { simple } from 'acorn-walk';
import type { EsNode } from '../ast.js';

type Value = string | number | Value[];

/** `const` bindings with a foldable initialiser, by name (names bound more than once are left out). */
export type Constants = Map<string, EsNode>;

/** Every `const NAME = <expression>` in the program whose name is declared only once. */
export function collectConstants(program: EsNode): Constants {
  const found = new Map<string, EsNode | null>();
  const bind = (name: string, init: EsNode | null) => found.set(name, found.has(name) ? null : init);
  simple(program, {
    VariableDeclaration(node) {
      const declaration = node as EsNode;
      for (const declarator of declaration.declarations as EsNode[]) {
        if (declarator.id.type !== 'Identifier') continue;
        // a `let`/`var` may change later: never folded, and it shadows a `const` of the same name
        bind(declarator.id.name, declaration.kind === 'const' ? (declarator.init ?? null) : null);
      }
    },
    FunctionDeclaration(node) {
      const id = (node as EsNode).id as EsNode | null;
      if (id) bind(id.name, null);
    },
    Function(node) {
      for (const param of ((node as EsNode).params ?? []) as EsNode[]) if (param.type === 'Identifier') bind(param.name, null);
    },
  });
  const constants: Constants = new Map();
  for (const [name, init] of found) if (init) constants.set(name, init);
  return constants;
}

const MAX_DEPTH = 40;
/** Longest string folded (a name is short; a constant megabyte is not one). */
const MAX_LENGTH = 256;

function fold(node: EsNode | null | undefined, constants: Constants, depth: number, seen: Set<string>): Value | null {
  if (!node || depth > MAX_DEPTH) return null;
  const again = (child: EsNode | null | undefined) => fold(child, constants, depth + 1, seen);
  const short = (value: string | null) => (value !== null && value.length <= MAX_LENGTH ? value : null);
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? short(node.value) : typeof node.value === 'number' ? node.value : null;
    case 'TemplateLiteral': {
      let out = '';
      for (let i = 0; i < node.quasis.length; i++) {
        out += node.quasis[i].value.cooked ?? '';
        if (i < node.expressions.length) {
          const part = again(node.expressions[i]);
          if (part === null || Array.isArray(part)) return null;
          out += String(part);
        }
      }
      return short(out);
    }
    case 'BinaryExpression': {
      if (node.operator !== '+') return null;
      const left = again(node.left);
      const right = again(node.right);
      if (left === null || right === null || Array.isArray(left) || Array.isArray(right)) return null;
      if (typeof left === 'number' && typeof right === 'number') return left + right;
      return short(String(left) + String(right));
    }
    case 'ArrayExpression': {
      const items: Value[] = [];
      for (const element of node.elements as (EsNode | null)[]) {
        if (element?.type === 'SpreadElement') {
          const spread = again(element.argument);
          if (typeof spread === 'string') items.push(...spread);
          else if (Array.isArray(spread)) items.push(...spread);
          else return null;
          continue;
        }
        const item = again(element);
        if (item === null) return null;
        items.push(item);
      }
      return items.length <= MAX_LENGTH ? items : null;
    }
    case 'Identifier': {
      const init = constants.get(node.name);
      if (!init || seen.has(node.name)) return null;
      seen.add(node.name);
      try {
        return again(init);
      } finally {
        seen.delete(node.name);
      }
    }
    case 'ParenthesizedExpression':
      return again(node.expression);
    case 'CallExpression':
      return foldCall(node, again, short);
    default:
      return null;
  }
}

function charCodes(args: (Value | null)[]): string | null {
  let out = '';
  for (const arg of args) {
    if (typeof arg !== 'number' || !Number.isInteger(arg) || arg < 0 || arg > 0xffff) return null;
    out += String.fromCharCode(arg);
  }
  return out;
}

/** Calls on constants that build a name: join, concat, split, reverse, case, slices, fromCharCode, atob. */
function foldCall(node: EsNode, again: (child: EsNode | null | undefined) => Value | null, short: (value: string | null) => string | null): Value | null {
  const callee = node.callee as EsNode;
  const args = (node.arguments as EsNode[]).map((arg) => (arg.type === 'SpreadElement' ? null : again(arg)));
  if (callee.type === 'Identifier' && callee.name === 'atob') {
    const text = args[0];
    if (typeof text !== 'string' || !/^[A-Za-z0-9+/=\s]*$/.test(text)) return null;
    return short(Buffer.from(text, 'base64').toString('latin1'));
  }
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return null;
  const method = callee.property.name as string;
  if (callee.object.type === 'Identifier' && callee.object.name === 'String' && (method === 'fromCharCode' || method === 'fromCodePoint')) {
    return short(charCodes(args));
  }
  const self = again(callee.object);
  if (self === null) return null;
  if (Array.isArray(self)) {
    if (method === 'join') {
      const separator = args.length === 0 ? ',' : args[0];
      if (typeof separator !== 'string' || self.some((item) => Array.isArray(item))) return null;
      return short(self.map(String).join(separator));
    }
    if (method === 'reverse' && args.length === 0) return [...self].reverse();
    if (method === 'concat' && args.every((arg) => arg !== null)) return self.concat(...(args as Value[]));
    return null;
  }
  const text = String(self);
  if (method === 'concat' && args.every((arg) => arg !== null && !Array.isArray(arg))) return short(text + args.map(String).join(''));
  if (method === 'split' && typeof args[0] === 'string' && args.length === 1) return text.split(args[0]);
  if ((method === 'toLowerCase' || method === 'toUpperCase' || method === 'trim') && args.length === 0) return text[method]();
  if ((method === 'slice' || method === 'substring') && args.length <= 2 && args.every((arg) => typeof arg === 'number')) {
    const [start, end] = args as number[];
    return text[method](start, end);
  }
  if (method === 'repeat' && typeof args[0] === 'number' && args[0] >= 0 && args[0] * text.length <= MAX_LENGTH) return text.repeat(args[0]);
  if (method === 'toString' && args.length === 0 && typeof self === 'string') return text;
  return null;
}

/** The string a constant expression builds, or null (not constant, or not a string). */
export function foldString(node: EsNode | null | undefined, constants: Constants): string | null {
  const value = fold(node, constants, 0, new Set());
  return typeof value === 'string' ? value : null;
}

/** Whether an expression folds to a constant (a string, a number or a list of them). */
export function foldsToConstant(node: EsNode, constants: Constants): boolean {
  return fold(node, constants, 0, new Set()) !== null;
}

/** Whether a string expression is built (concatenation, template with parts, a call, a `const`), not written out. */
export function isBuilt(node: EsNode): boolean {
  return node.type === 'BinaryExpression' || node.type === 'CallExpression' || node.type === 'Identifier' || (node.type === 'TemplateLiteral' && node.expressions.length > 0);
}
