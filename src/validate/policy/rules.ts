// L3 policy rules over the game's AST: what a self-contained, offline game page may not do.
import { simple } from 'acorn-walk';
import { memberPath, positionOf, type EsNode } from '../ast.js';
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

  const checkCall = (node: EsNode, isNew: boolean) => {
    const path = memberPath(node.callee as EsNode);
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
      const tag = (node.arguments?.[0] as EsNode | undefined)?.value;
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
      const path = memberPath(n);
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
    },
    AssignmentExpression(node) {
      const n = node as EsNode;
      const target = memberPath(n.left as EsNode);
      if (target && LOCATION_TARGET.test(target)) {
        add('dom_escape', `assigning \`${target}\` navigates away from the game`, 'error', n);
      }
      const value = (n.right as EsNode).type === 'Literal' ? (n.right as EsNode).value : undefined;
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
  return dedupe(issues);
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
