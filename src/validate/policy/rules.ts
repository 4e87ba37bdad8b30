// L3 policy rules over the game's AST: what a self-contained, offline game page may not do.
import { ancestor, simple } from 'acorn-walk';
import { memberPath, positionOf, type EsNode } from '../ast.js';
import { collectConstants, foldString, foldsToConstant, isBuilt, type Constants } from './fold.js';
import { issue } from '../issues.js';
import type { Issue } from '../../schemas/index.js';

/** Calls that reach the network. */
const NETWORK_CALLS = new Set(['fetch', 'navigator.sendBeacon']);
/** Constructors that reach the network or load outside code. */
const NETWORK_CONSTRUCTORS = new Set(['XMLHttpRequest', 'WebSocket', 'EventSource', 'RTCPeerConnection', 'WebTransport']);
const SCRIPT_CONSTRUCTORS = new Set(['Worker', 'SharedWorker']);
/** Persistent storage of any kind: games must not leave state behind. */
const STORAGE_ROOTS = new Set(['localStorage', 'sessionStorage', 'indexedDB', 'caches', 'navigator.storage', 'document.cookie', 'cookieStore']);
/** Leaving or reaching out of the page. */
const ESCAPE_CALLS = new Set(['document.write', 'document.writeln', 'open', 'location.assign', 'location.replace', 'document.open', 'navigator.registerProtocolHandler']);
const LOCATION_TARGET = /^(?:document\.|top\.|parent\.)?location(?:\.href|\.pathname|\.search|\.hash)?$/;
const ESCAPE_MEMBERS = new Set(['top', 'parent', 'opener', 'frameElement']);
const BLOCKING_DIALOGS = new Set(['alert', 'confirm', 'prompt']);
/** LoaderPlugin methods that do not load a file (events, settings). */
const LOADER_NON_FILE = new Set(['on', 'once', 'off', 'emit', 'start', 'reset', 'isLoading', 'isReady', 'removeAllListeners', 'addListener', 'removeListener', 'setCORS', 'setPrefix', 'totalToLoad', 'progress']);
const URL_PATTERN = /^(?:https?:|wss?:)?\/\//i;

/**
 * Names a game has no business building from strings: the APIs the rules forbid, the built-ins
 * the harness relies on, and the harness's own API (page/runs.js). Written out, the rules below
 * judge them; built (`'fe' + 'tch'`, `['ev', 'al'].join('')`, `String.fromCharCode(…)`), they
 * can only be hiding from those rules: `hidden_name`.
 */
const HIDDEN_NAMES = new Set([
  'fetch', 'sendBeacon', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'RTCPeerConnection', 'WebTransport', 'Worker', 'SharedWorker',
  'importScripts', 'serviceWorker', 'import', 'require', 'eval', 'Function', 'constructor', 'localStorage', 'sessionStorage', 'indexedDB',
  'caches', 'cookie', 'cookieStore', 'open', 'opener', 'top', 'parent', 'frameElement', 'location', 'assign', 'write', 'writeln',
  'call', 'apply', 'bind', 'toString', 'defineProperty', 'getOwnPropertyDescriptor', 'setPrototypeOf', 'prototype', '__proto__',
  'requestAnimationFrame', 'getImageData', 'toDataURL', 'dispatchEvent', 'addEventListener', 'onerror', 'prepareStackTrace',
  'stackTraceLimit', 'ErrorEvent', 'play', 'replayWithInput', 'boot', 'clock',
]);
/** The harness's own globals and marks (`__phaserSftTake`, `__phaserSftReplay`, …). */
const HARNESS_PREFIX = '__phaserSft';

function isUrl(value: unknown): boolean {
  return typeof value === 'string' && URL_PATTERN.test(value.trim());
}

/** String literals inside a node (arguments, arrays, object values, template quasis). */
function stringsIn(node: EsNode): string[] {
  const found: string[] = [];
  simple(node, {
    Literal(n) {
      if (typeof (n as EsNode).value === 'string') found.push((n as EsNode).value);
    },
    TemplateElement(n) {
      found.push(String((n as EsNode).value?.cooked ?? ''));
    },
  });
  return found;
}

/** The first argument is a string (or template): `setTimeout("code()", 10)` evaluates code. */
function firstArgIsCode(node: EsNode): boolean {
  const first = node.arguments?.[0] as EsNode | undefined;
  return Boolean(first && ((first.type === 'Literal' && typeof first.value === 'string') || first.type === 'TemplateLiteral' || first.type === 'BinaryExpression'));
}

function storageRoot(path: string): string | undefined {
  for (const root of STORAGE_ROOTS) if (path === root || path.startsWith(root + '.')) return root;
  return undefined;
}

/** Does `path` reach out of the page (`top.location`, `parent.postMessage`, `window.opener`)? */
function escapeMember(path: string, fromGlobal: boolean): string | undefined {
  const first = path.split('.')[0];
  // A bare `parent` is often a local variable or config key; only `window.parent` is certain.
  if (ESCAPE_MEMBERS.has(first) && (fromGlobal || path.includes('.location') || path.includes('.postMessage') || path.includes('.document'))) return first;
  return undefined;
}

/** True when the member chain starts with an explicit global object (`window.parent`). */
function startsFromGlobal(node: EsNode): boolean {
  let current = node;
  while (current.type === 'MemberExpression') current = current.object as EsNode;
  return current.type === 'Identifier' && ['window', 'globalThis', 'self'].includes(current.name);
}

/** Every policy issue that a walk over the AST can find (network, eval, storage, escapes, imports, loops). */
export function astPolicyIssues(program: EsNode): Issue[] {
  const issues: Issue[] = [];
  const add = (code: string, message: string, severity: Issue['severity'], node: EsNode) => issues.push(issue(code, message, severity, positionOf(node)));
  const reportedMembers = new Set<EsNode>();
  // computed keys built from constants are read as the names they build (`window['fe' + 'tch']`)
  const constants = collectConstants(program);
  const key = (node: EsNode) => foldString(node, constants);
  const pathOf = (node: EsNode) => memberPath(node, key);

  const checkCall = (node: EsNode, isNew: boolean) => {
    const path = pathOf(node.callee as EsNode);
    if (path === null) return;
    const last = path.split('.').pop()!;
    if (!isNew && path === 'require') add('import_statement', '`require(...)`: games are one self-contained script with no modules', 'error', node);
    else if (!isNew && path === 'importScripts') add('external_script', '`importScripts(...)` loads outside code', 'error', node);
    else if (!isNew && NETWORK_CALLS.has(path)) add('network_call', `\`${path}(...)\` reaches the network; games must run offline`, 'error', node);
    else if (isNew && NETWORK_CONSTRUCTORS.has(path)) add('network_call', `\`new ${path}(...)\` reaches the network; games must run offline`, 'error', node);
    else if (isNew && SCRIPT_CONSTRUCTORS.has(path)) add('external_script', `\`new ${path}(...)\` runs code from another file`, 'error', node);
    else if (!isNew && path === 'eval') add('eval_call', '`eval(...)` runs generated code', 'error', node);
    else if (path === 'Function') add('function_constructor', '`Function(...)` builds code from a string, like eval', 'error', node);
    else if (!isNew && (path === 'setTimeout' || path === 'setInterval') && firstArgIsCode(node)) add('string_timer', `\`${path}\` with a string evaluates it as code; pass a function`, 'error', node);
    else if (!isNew && ESCAPE_CALLS.has(path) && (path !== 'open' || startsFromGlobal(node.callee as EsNode))) add('dom_escape', `\`${path}(...)\` leaves or rewrites the page`, 'error', node);
    else if (!isNew && path === 'location.reload') add('page_reload', '`location.reload()` reloads the page; restart the scene with `this.scene.restart()`', 'warning', node);
    else if (!isNew && BLOCKING_DIALOGS.has(path)) add('blocking_dialog', `\`${path}(...)\` blocks the page; show text in the game instead`, 'warning', node);
    else if (!isNew && path === 'document.createElement') {
      const tag = foldString(node.arguments?.[0] as EsNode | undefined, constants);
      if (typeof tag === 'string' && ['script', 'iframe', 'link'].includes(tag.toLowerCase())) add('external_script', `\`document.createElement('${tag}')\` can load outside content`, 'error', node);
    } else if (!isNew && /(^|\.)load\.[A-Za-z]+$/.test(path) && !LOADER_NON_FILE.has(last)) checkLoaderCall(node, path, last);
  };

  const checkLoaderCall = (node: EsNode, path: string, method: string) => {
    const strings = (node.arguments as EsNode[]).flatMap(stringsIn);
    const url = strings.find((s) => isUrl(s));
    if (url) {
      add('network_url', `\`${path}\` fetches ${JSON.stringify(url.slice(0, 80))} from the network`, 'error', node);
    } else if (method === 'setBaseURL' || method === 'setPath') {
      // A local path prefix is harmless by itself; the file calls that use it are reported.
    } else if (!strings.slice(1).every((s) => s.startsWith('data:')) || strings.length < 2) {
      add('external_asset', `\`${path}(...)\` loads an asset file; games must draw their textures (Graphics, generateTexture, shapes, text)`, 'error', node);
    }
  };

  simple(program, {
    ImportDeclaration(node) {
      add('import_statement', '`import` statement: games are one classic script using the global `Phaser`', 'error', node as EsNode);
    },
    ImportExpression(node) {
      add('import_statement', 'dynamic `import(...)` loads outside code', 'error', node as EsNode);
    },
    ExportNamedDeclaration(node) {
      add('import_statement', '`export`: games are one classic script, not a module', 'error', node as EsNode);
    },
    ExportDefaultDeclaration(node) {
      add('import_statement', '`export default`: games are one classic script, not a module', 'error', node as EsNode);
    },
    ExportAllDeclaration(node) {
      add('import_statement', '`export * from`: games are one classic script, not a module', 'error', node as EsNode);
    },
    CallExpression(node) {
      checkCall(node as EsNode, false);
    },
    NewExpression(node) {
      checkCall(node as EsNode, true);
    },
    MemberExpression(node) {
      const n = node as EsNode;
      const path = pathOf(n);
      if (path === null) return;
      const root = storageRoot(path);
      // Report a storage chain once, at its outermost-first node (`localStorage` of `localStorage.setItem`).
      if (root && path === root && !reportedMembers.has(n)) {
        reportedMembers.add(n);
        add('storage_access', `\`${root}\`: games must not store state in the browser`, 'error', n);
      }
      const escape = escapeMember(path, startsFromGlobal(n));
      if (escape && path.split('.').length <= 2 && !reportedMembers.has(n)) {
        reportedMembers.add(n);
        add('dom_escape', `\`${path}\` reaches outside the game's page`, 'error', n);
      }
    },
    Identifier(node) {
      const n = node as EsNode;
      if (STORAGE_ROOTS.has(n.name)) add('storage_access', `\`${n.name}\`: games must not store state in the browser`, 'error', n);
      if (n.name.startsWith(HARNESS_PREFIX)) harness(n, n.name);
    },
    Literal(node) {
      const n = node as EsNode;
      if (typeof n.value === 'string' && n.value.includes(HARNESS_PREFIX)) harness(n, n.value);
    },
    AssignmentExpression(node) {
      const n = node as EsNode;
      const target = pathOf(n.left as EsNode);
      if (target && LOCATION_TARGET.test(target)) {
        add('dom_escape', `assigning \`${target}\` navigates away from the game`, 'error', n);
      }
      const value = foldString(n.right as EsNode, constants) ?? undefined;
      if (target && /\.(src|href)$/.test(target) && typeof value === 'string' && !value.startsWith('data:')) {
        if (isUrl(value)) add('network_url', `\`${target} = ${JSON.stringify(value.slice(0, 60))}\` loads from the network`, 'error', n);
        else add('external_asset', `\`${target} = ${JSON.stringify(value.slice(0, 60))}\` loads a file the game does not have`, 'error', n);
      }
    },
    WhileStatement(node) {
      loopWithoutExit(node as EsNode, add);
    },
    ForStatement(node) {
      const n = node as EsNode;
      if (!n.test) loopWithoutExit(n, add);
    },
  });
  hiddenNames(program, constants, add);
  return dedupe(issues);

  function harness(node: EsNode, name: string): void {
    add('harness_access', `\`${name.slice(0, 60)}\` names the validator's own harness; a game has no business with it`, 'error', node);
  }
}

/**
 * Strings built from constants (concatenation, templates, join, fromCharCode, atob, a `const`)
 * that spell a name from HIDDEN_NAMES or the harness's prefix: `hidden_name`. Judged at the
 * outermost expression that folds (`'fe' + 'tch' + 'er'` is "fetcher", not "fetch").
 */
function hiddenNames(program: EsNode, constants: Constants, add: (code: string, message: string, severity: Issue['severity'], node: EsNode) => void): void {
  const seen = new Set<EsNode>();
  const check = (node: EsNode, ancestors: EsNode[]) => {
    if (seen.has(node) || !isBuilt(node) || node.type === 'Identifier') return;
    const parent = ancestors[ancestors.length - 2];
    // part of a bigger constant: that one is judged
    if (parent && foldsToConstant(parent, constants)) return;
    const grandparent = ancestors[ancestors.length - 3];
    if (parent?.type === 'MemberExpression' && parent.object === node && grandparent?.type === 'CallExpression' && grandparent.callee === parent && foldsToConstant(grandparent, constants)) return;
    const name = foldString(node, constants);
    if (name === null) return;
    seen.add(node);
    const trimmed = name.trim();
    if (HIDDEN_NAMES.has(trimmed) || trimmed.startsWith(HARNESS_PREFIX)) {
      add('hidden_name', `a name built from strings spells ${JSON.stringify(trimmed)}: hiding an API the validator forbids or relies on from its checks`, 'error', node);
    }
  };
  ancestor(program, {
    BinaryExpression: (node, _state, ancestors) => check(node as EsNode, ancestors as EsNode[]),
    TemplateLiteral: (node, _state, ancestors) => check(node as EsNode, ancestors as EsNode[]),
    CallExpression: (node, _state, ancestors) => check(node as EsNode, ancestors as EsNode[]),
  });
}

/** `while (true)` / `for (;;)` with no break, return or throw inside: the page would hang. */
function loopWithoutExit(node: EsNode, add: (code: string, message: string, severity: Issue['severity'], node: EsNode) => void): void {
  const test = node.test as EsNode | null;
  if (test && !(test.type === 'Literal' && test.value === true)) return;
  let exits = false;
  simple(node.body as EsNode, {
    BreakStatement() {
      exits = true;
    },
    ReturnStatement() {
      exits = true;
    },
    ThrowStatement() {
      exits = true;
    },
  });
  if (!exits) add('infinite_loop', 'a loop with a constant true condition and no break/return/throw hangs the page', 'error', node);
}

/** Member expressions nest (`a.b.c` holds `a.b`), so one access can match twice; keep one issue per code and spot. */
function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.code}:${i.line}:${i.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
