// Shared JavaScript parsing for L1 (syntax) and L3 (policy): one acorn parse per game.
import { parse, type Node, type Options } from 'acorn';
import { simple } from 'acorn-walk';

/** acorn's ESTree node with the fields the rules read (acorn's own types are loose). */
export type EsNode = Node & Record<string, any>;

export interface ParsedGame {
  program: EsNode | null;
  /** Set when the code does not parse as a classic script. */
  error: { message: string; line: number; column: number } | null;
  /** The code parses only as an ES module (it has import/export): a classic <script> cannot run it. */
  moduleOnly: boolean;
}

const baseOptions: Options = { ecmaVersion: 'latest', locations: true, allowHashBang: true };

let memo: { code: string; parsed: ParsedGame } | undefined;

/**
 * Parse a game as the classic script it will run as; when that fails, try a module to tell
 * "uses import/export" from a real syntax error. The last result is memoised because L1 and
 * L3 parse the same code back to back.
 */
export function parseGame(code: string): ParsedGame {
  if (memo?.code === code) return memo.parsed;
  let parsed: ParsedGame;
  try {
    parsed = { program: parse(code, { ...baseOptions, sourceType: 'script' }) as EsNode, error: null, moduleOnly: false };
  } catch (scriptError) {
    const error = syntaxErrorOf(scriptError);
    try {
      parsed = { program: parse(code, { ...baseOptions, sourceType: 'module' }) as EsNode, error, moduleOnly: true };
    } catch {
      parsed = { program: null, error, moduleOnly: false };
    }
  }
  memo = { code, parsed };
  return parsed;
}

function syntaxErrorOf(error: unknown): { message: string; line: number; column: number } {
  const e = error as { message?: string; loc?: { line: number; column: number } };
  const message = String(e.message ?? error).replace(/\s*\(\d+:\d+\)$/, '');
  return { message, line: e.loc?.line ?? 1, column: (e.loc?.column ?? 0) + 1 };
}

/** 1-based line and column of a node. */
export function positionOf(node: EsNode): { line: number; column: number } {
  return { line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 };
}

const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self']);

/**
 * Dotted path of a member chain made of identifiers, `this` and literal keys:
 * `window['localStorage'].setItem` → `localStorage.setItem` (a leading global object is dropped).
 * Returns null for anything dynamic (`a[b].c`, calls in the chain), unless `computedKey` folds
 * a computed key to a constant string (L3: `window['fe' + 'tch']` → `fetch`, policy/fold.ts).
 */
export function memberPath(node: EsNode, computedKey?: (key: EsNode) => string | null): string | null {
  const parts: string[] = [];
  let current: EsNode = node;
  for (;;) {
    if (current.type === 'MemberExpression') {
      const property = current.property as EsNode;
      const folded = current.computed && computedKey ? computedKey(property) : null;
      if (!current.computed && property.type === 'Identifier') parts.unshift(property.name);
      else if (current.computed && property.type === 'Literal' && typeof property.value === 'string') parts.unshift(property.value);
      else if (folded !== null) parts.unshift(folded);
      else return null;
      current = current.object as EsNode;
    } else if (current.type === 'Identifier') {
      parts.unshift(current.name);
      break;
    } else if (current.type === 'ThisExpression') {
      parts.unshift('this');
      break;
    } else if (current.type === 'ChainExpression') {
      current = current.expression as EsNode;
    } else return null;
  }
  while (parts.length > 1 && GLOBAL_OBJECTS.has(parts[0])) parts.shift();
  return parts.join('.');
}

/** Every `new Phaser.Game(...)` in the program. */
export function phaserGameCalls(program: EsNode): EsNode[] {
  const calls: EsNode[] = [];
  simple(program, {
    NewExpression(node) {
      if (memberPath((node as EsNode).callee) === 'Phaser.Game') calls.push(node as EsNode);
    },
  });
  return calls;
}
