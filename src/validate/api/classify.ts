// Which TypeScript diagnostics are real API errors in a game, and which are loose-typing noise.
//
// Measured on the 33 correct games of test/fixtures/games/good (README "L2 API"): correct
// Phaser code raises TS2339/TS2551 on loosely typed receivers (a group child typed
// `GameObject`, `body` typed `Body | StaticBody | MatterJS.BodyType`, `addKeys()` typed
// `object`) and TS2345/TS2741 on config and callback shapes. None of those names is missing
// from the API. So an error is only:
//   - a member that exists nowhere in the Phaser declarations, read on a Phaser-typed
//     receiver (or a scene class extending one): api_unknown_member / api_misspelt_factory;
//   - a wrong argument count calling a function declared by Phaser: api_wrong_arg_count;
//   - a name declared nowhere (a ReferenceError at run time): undefined_name — except a name only
//     ever assigned (`for (i = 0; …)`) outside classes in a sloppy script, an implicit global
//     (implicit_global warning);
//   - calling or `new`-ing a Phaser namespace or non-function: api_not_callable.
// Too few arguments to a Phaser function whose declarations mark a parameter required that its
// runtime code defaults (RUNTIME_OPTIONAL) is an api_arg_optional_at_runtime warning.
// Everything else is a warning that selection may weigh.
import type ts from 'typescript';
import { typescript } from './typescript.js';
import { issue } from '../issues.js';
import type { Issue } from '../../schemas/index.js';
import type { MemberSuggester } from './suggest.js';

const MEMBER_MISSING = new Set([2339, 2551, 2550]);
const ARG_COUNT = new Set([2554, 2555, 2575]);
const UNDEFINED_NAME = new Set([2304, 2552, 2582, 2583]);
const NOT_CALLABLE = new Set([2349, 2351]);
const TYPE_MISMATCH = new Set([2322, 2345, 2353, 2559, 2739, 2740, 2741, 2769, 2352, 2367]);
/** Factories the teacher calls most; an unknown member on them is a misspelt factory. */
const FACTORY_TYPES = new Set([
  'Phaser.GameObjects.GameObjectFactory',
  'Phaser.GameObjects.GameObjectCreator',
  'Phaser.Physics.Arcade.Factory',
  'Phaser.Physics.Matter.Factory',
]);

/**
 * Phaser functions whose declarations require parameters their runtime code defaults, by the
 * tail of the fully qualified name → the arguments the runtime really needs. Each checked in the
 * 3.90 and 4.2 sources: `GameObjectFactory#text(x, y, text)` — Text#setText turns undefined into
 * ''; Matter `setCircle(radius)` / `setRectangle(width, height)` — SetBody#setBody defaults radius
 * and size from the game object's own width and height.
 */
const RUNTIME_OPTIONAL: { tail: RegExp; minArgs: number }[] = [
  { tail: /\.GameObjectFactory\.text$/, minArgs: 2 },
  { tail: /\.GameObjectCreator\.text$/, minArgs: 0 },
  { tail: /Matter\..*\.setCircle$/, minArgs: 0 },
  { tail: /Matter\..*\.setRectangle$/, minArgs: 0 },
];

/** Names a sloppy script assigns without declaring (implicit globals), per game file. */
const implicitGlobalsOf = new WeakMap<ts.SourceFile, Set<string>>();

function hasUseStrict(statements: ts.NodeArray<ts.Statement>): boolean {
  for (const statement of statements) {
    if (!typescript.isExpressionStatement(statement) || !typescript.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === 'use strict') return true;
  }
  return false;
}

/**
 * Identifiers assigned with `=` (or used as a for-in/of target) in sloppy code: not in a class
 * (class bodies are strict), not under a 'use strict' prologue. The games are classic scripts, so
 * such an assignment creates a global rather than throwing.
 */
function implicitGlobals(file: ts.SourceFile): Set<string> {
  let names = implicitGlobalsOf.get(file);
  if (names) return names;
  names = new Set<string>();
  const found = names;
  const visit = (node: ts.Node, strict: boolean): void => {
    if (typescript.isClassLike(node)) return;
    if ((typescript.isFunctionDeclaration(node) || typescript.isFunctionExpression(node) || typescript.isArrowFunction(node)) && node.body && typescript.isBlock(node.body) && hasUseStrict(node.body.statements)) strict = true;
    if (!strict && typescript.isBinaryExpression(node) && node.operatorToken.kind === typescript.SyntaxKind.EqualsToken && typescript.isIdentifier(node.left)) found.add(node.left.text);
    if (!strict && (typescript.isForInStatement(node) || typescript.isForOfStatement(node)) && typescript.isIdentifier(node.initializer)) found.add(node.initializer.text);
    typescript.forEachChild(node, (child) => visit(child, strict));
  };
  visit(file, hasUseStrict(file.statements));
  implicitGlobalsOf.set(file, names);
  return names;
}

export interface ClassifyContext {
  checker: ts.TypeChecker;
  file: ts.SourceFile;
  apiNames: Set<string>;
  isPhaserFile: (fileName: string) => boolean;
  suggester: MemberSuggester;
}

/** Deepest node whose span holds `position`. */
function nodeAt(file: ts.SourceFile, position: number): ts.Node {
  let found: ts.Node = file;
  const visit = (node: ts.Node): void => {
    if (node.getStart(file) <= position && position < node.getEnd()) {
      found = node;
      typescript.forEachChild(node, visit);
    }
  };
  typescript.forEachChild(file, visit);
  return found;
}

function declaredByPhaser(symbol: ts.Symbol | undefined, context: ClassifyContext): boolean {
  return Boolean(symbol?.declarations?.some((d) => context.isPhaserFile(d.getSourceFile().fileName)));
}

/** A type from the Phaser declarations, a union holding one, or a game class that extends one. */
function isPhaserType(type: ts.Type, context: ClassifyContext, depth = 0): boolean {
  if (depth > 8) return false;
  if (type.flags & typescript.TypeFlags.TypeParameter) {
    // `this` inside a class is the polymorphic this-type; its constraint is the class.
    const constraint = context.checker.getBaseConstraintOfType(type);
    return Boolean(constraint && constraint !== type && isPhaserType(constraint, context, depth + 1));
  }
  if (type.isUnion()) return type.types.some((t) => isPhaserType(t, context, depth + 1));
  if (declaredByPhaser(type.aliasSymbol ?? type.getSymbol(), context)) return true;
  const target = (type as ts.TypeReference).target ?? type;
  if (target.isClassOrInterface()) return context.checker.getBaseTypes(target).some((base) => isPhaserType(base, context, depth + 1));
  return false;
}

function typeName(type: ts.Type, checker: ts.TypeChecker): string {
  const symbol = type.aliasSymbol ?? type.getSymbol();
  if (symbol && !type.isUnion()) return checker.getFullyQualifiedName(symbol).replace(/^"[^"]*"\./, '');
  return canonicalUnions(checker.typeToString(type));
}

const UNION = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\[\])?(?: \| [A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\[\])?)+/g;

/**
 * Union members in a fixed (sorted) order. TypeScript prints a union in the order its member
 * types were created, which depends on the games a worker checked before: the same game would
 * get `Body | Tile` in one run and `Tile | Body` in another, and a resumed validate would not
 * write the bytes of an uninterrupted one.
 */
export function canonicalUnions(text: string): string {
  return text.replace(UNION, (union) => union.split(' | ').sort().join(' | '));
}

function propertyNames(type: ts.Type, checker: ts.TypeChecker): string[] {
  const types = type.isUnion() ? type.types : [type];
  return [...new Set(types.flatMap((t) => checker.getPropertiesOfType(checker.getApparentType(t)).map((p) => p.name)))];
}

function position(file: ts.SourceFile, start: number | undefined): { line: number; column: number } | null {
  if (start === undefined) return null;
  const { line, character } = file.getLineAndCharacterOfPosition(start);
  return { line: line + 1, column: character + 1 };
}

function didYouMean(suggestions: string[]): string {
  return suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?` : '';
}

function memberIssue(diagnostic: ts.Diagnostic, text: string, context: ClassifyContext): Issue {
  const where = position(context.file, diagnostic.start);
  const node = nodeAt(context.file, diagnostic.start!);
  const access = node.parent && typescript.isPropertyAccessExpression(node.parent) && node.parent.name === node ? node.parent : undefined;
  if (!access || !typescript.isIdentifier(node)) return issue('type_loose_member', `TS${diagnostic.code}: ${text}`, 'warning', where);
  const name = node.text;
  const receiver = context.checker.getTypeAtLocation(access.expression);
  const receiverName = typeName(receiver, context.checker);
  if (!isPhaserType(receiver, context)) {
    return issue('js_unknown_member', `'${name}' does not exist on ${receiverName} (not a Phaser type; TS${diagnostic.code})`, 'warning', where);
  }
  if (context.apiNames.has(name)) {
    return issue('api_member_not_on_type', `'${name}' is not declared on ${receiverName}, but exists elsewhere in the Phaser API (loose typing; TS${diagnostic.code})`, 'warning', where);
  }
  const tsSuggestion = /Did you mean '([^']+)'/.exec(text)?.[1];
  const suggestions = context.suggester.suggest(name, { memberOf: receiverName, candidates: propertyNames(receiver, context.checker) });
  if (tsSuggestion && !suggestions.includes(tsSuggestion)) suggestions.unshift(tsSuggestion);
  const code = FACTORY_TYPES.has(receiverName) ? 'api_misspelt_factory' : 'api_unknown_member';
  return issue(code, `'${name}' does not exist on ${receiverName}, nor anywhere in the Phaser API.${didYouMean(suggestions.slice(0, 3))}`, 'error', where);
}

function enclosingCall(node: ts.Node): ts.CallExpression | ts.NewExpression | undefined {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    if (typescript.isCallExpression(current) || typescript.isNewExpression(current)) return current;
  }
  return undefined;
}

function calleeSymbol(call: ts.CallExpression | ts.NewExpression, checker: ts.TypeChecker): ts.Symbol | undefined {
  const callee = call.expression;
  const target = typescript.isPropertyAccessExpression(callee) ? callee.name : callee;
  const symbol = checker.getSymbolAtLocation(target);
  return symbol && symbol.flags & typescript.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** Turn one TypeScript diagnostic of a game into an issue with the severity the policy gives it. */
export function classifyDiagnostic(diagnostic: ts.Diagnostic, context: ClassifyContext): Issue {
  const text = canonicalUnions(typescript.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
  const where = position(context.file, diagnostic.start);
  const code = diagnostic.code;
  if (MEMBER_MISSING.has(code) && diagnostic.start !== undefined) return memberIssue(diagnostic, text, context);
  if (ARG_COUNT.has(code) && diagnostic.start !== undefined) {
    const call = enclosingCall(nodeAt(context.file, diagnostic.start));
    const symbol = call && calleeSymbol(call, context.checker);
    if (symbol && declaredByPhaser(symbol, context)) {
      const name = context.checker.getFullyQualifiedName(symbol);
      const optional = RUNTIME_OPTIONAL.find((rule) => rule.tail.test(name));
      const tooFew = /Expected \d+(-\d+)? arguments, but got (\d+)\./.exec(text);
      const got = call.arguments?.length ?? 0;
      if (optional && tooFew && Number(tooFew[2]) < Number(/Expected (\d+)/.exec(text)![1]) && got >= optional.minArgs) {
        return issue('api_arg_optional_at_runtime', `${name}: ${text} — the declarations require it, but Phaser's runtime defaults it (TS${code})`, 'warning', where);
      }
      return issue('api_wrong_arg_count', `${name}: ${text}`, 'error', where);
    }
    return issue('js_wrong_arg_count', `TS${code}: ${text}`, 'warning', where);
  }
  if (UNDEFINED_NAME.has(code) && diagnostic.start !== undefined) {
    const node = nodeAt(context.file, diagnostic.start);
    if (typescript.isIdentifier(node) && implicitGlobals(context.file).has(node.text)) {
      return issue('implicit_global', `'${node.text}' is assigned without a declaration: an implicit global in a classic script (TS${code}); declare it with let`, 'warning', where);
    }
  }
  if (UNDEFINED_NAME.has(code)) return issue('undefined_name', `${text} (a ReferenceError at run time)`, 'error', where);
  if (NOT_CALLABLE.has(code) && diagnostic.start !== undefined) {
    const node = nodeAt(context.file, diagnostic.start);
    const expression = typescript.isExpression(node) ? node : undefined;
    const symbol = expression && context.checker.getSymbolAtLocation(typescript.isPropertyAccessExpression(expression.parent) ? expression.parent.name : expression);
    if (declaredByPhaser(symbol, context)) return issue('api_not_callable', `TS${code}: ${text}`, 'error', where);
    return issue('js_not_callable', `TS${code}: ${text}`, 'warning', where);
  }
  if (TYPE_MISMATCH.has(code)) return issue('type_mismatch', `TS${code}: ${text}`, 'warning', where);
  return issue('ts_diagnostic', `TS${code}: ${text}`, diagnostic.category === typescript.DiagnosticCategory.Error ? 'warning' : 'info', where);
}
