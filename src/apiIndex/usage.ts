// Which Phaser APIs a game's code uses, by id: the measure behind the usage prior and the core
// toolkit. A light static reading, not a type check (L2 does that): it resolves
//   - scene chains through how a scene reaches each class (`this.physics.add.image(` →
//     `Phaser.Physics.Arcade.Factory#image`, `this.input.keyboard.addKeys(` → KeyboardPlugin),
//     also from a game object's `scene.` or `this.scene.`;
//   - `Phaser.…` paths (`Phaser.Math.Between`, `new Phaser.Scene`, `extends Phaser.Scene`);
//   - event strings passed to `.on('pointerdown'` (the event whose string it is);
//   - any other `.name(` call by member name, to the most game-facing member of that name
//     (`.setVelocityX(` → `Components.Velocity#setVelocityX`), skipping names so generic
//     (`add`, `on`, `create`, `destroy`) or so JavaScript (`push`, `floor`) that a name alone
//     says nothing.
import type { ApiIndex } from './apiIndex.js';
import type { ApiRecord } from './doclets.js';
import { noiseFamily } from './gameFacing.js';
import { priorOf } from './prior.js';

/** Method names too generic to resolve without the receiver's type. */
const GENERIC_NAMES = new Set([
  'add', 'get', 'set', 'create', 'destroy', 'on', 'once', 'off', 'emit', 'remove', 'start', 'stop', 'play', 'pause', 'resume',
  'update', 'clear', 'contains', 'reset', 'init', 'preload', 'run', 'kill', 'call', 'apply', 'bind', 'has', 'delete', 'getAt',
  'setTo', 'copy', 'clone', 'equals', 'length', 'getChildren', 'random', 'each', 'iterate', 'setValue', 'getValue', 'toString',
  'setSize', 'setData', 'getData', 'setState', 'restart', 'launch', 'sleep', 'wake', 'switch', 'explode', 'addEvent', 'remove',
]);

/** JavaScript built-ins a game calls on its own values (never Phaser's). */
const JS_NAMES = new Set([
  'push', 'pop', 'shift', 'unshift', 'splice', 'slice', 'concat', 'join', 'map', 'filter', 'forEach', 'reduce', 'some', 'every', 'find',
  'findIndex', 'indexOf', 'includes', 'sort', 'reverse', 'fill', 'keys', 'values', 'entries', 'toFixed', 'padStart', 'padEnd', 'floor',
  'ceil', 'round', 'abs', 'min', 'max', 'sqrt', 'sin', 'cos', 'atan2', 'hypot', 'sign', 'trunc', 'pow', 'log', 'parse', 'stringify',
  'split', 'trim', 'toUpperCase', 'toLowerCase', 'charAt', 'charCodeAt', 'replace', 'repeat', 'startsWith', 'endsWith', 'assign',
  'freeze', 'from', 'isArray', 'now', 'then', 'catch', 'test', 'exec', 'match', 'fromCharCode', 'warn', 'error', 'info', 'substring',
  'isInteger', 'isNaN', 'flat', 'flatMap', 'lastIndexOf', 'localeCompare', 'toPrecision', 'requestAnimationFrame', 'setTimeout',
]);

/** What `apisUsedBy` needs from the index, built once per index. */
interface UsageResolver {
  /** `this.physics.add` → `Phaser.Physics.Arcade.Factory`, longest first. */
  chains: Array<[chain: string, className: string]>;
  /** Member name → its most game-facing record (functions first). */
  byName: Map<string, ApiRecord>;
  /** Event string (`pointerdown`) → the event record games listen for. */
  byEvent: Map<string, ApiRecord>;
}

const resolvers = new WeakMap<ApiIndex, UsageResolver>();

function resolverFor(index: ApiIndex): UsageResolver {
  let resolver = resolvers.get(index);
  if (resolver) return resolver;
  const chains = [...index.accessors].map(([className, chain]) => [chain, className] as [string, string]).sort((a, b) => b[0].length - a[0].length);
  const byName = new Map<string, ApiRecord>();
  const byEvent = new Map<string, ApiRecord>();
  const rank = (r: ApiRecord) => priorOf(r) * (r.kind === 'function' ? 2 : 1) * (1 + Math.log2(1 + (r.inherited_by?.length ?? 0)));
  for (const record of index.docs) {
    // A bare `.render(` or `.removeAll(` is the game's own object, not a plugin's hook: never resolved to noise by name.
    if (record.memberof && (record.kind === 'function' || record.kind === 'member') && !noiseFamily(record)) {
      const best = byName.get(record.name);
      if (!best || rank(record) > rank(best)) byName.set(record.name, record);
    }
    if (record.kind === 'event' && record.event_name) {
      const best = byEvent.get(record.event_name);
      // Games listen on the input plugin and game objects: Phaser.Input.Events first, the scene-wide event before GAMEOBJECT_*.
      const score = (r: ApiRecord) => (r.id.startsWith('Phaser.Input.Events') ? 2 : 0) + (r.id.includes('GAMEOBJECT_') ? 0 : 1);
      if (!best || score(record) > score(best)) byEvent.set(record.event_name, record);
    }
  }
  resolvers.set(index, (resolver = { chains, byName, byEvent }));
  return resolver;
}

/** Strip comments and string contents (kept: the quotes), so code words are only code. */
function codeOnly(code: string): { code: string; strings: string[] } {
  const strings: string[] = [];
  const stripped = code
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[^:\\])\/\/[^\n]*/g, '$1')
    .replace(/(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g, (_m, quote: string, body: string) => {
      strings.push(body);
      return `${quote}${quote}`;
    });
  return { code: stripped, strings };
}

/**
 * The Phaser API ids a game's code uses, each once, in first-use order. Calls resolved through
 * scene chains and `Phaser.` paths are exact; the rest are resolved by member name (see header).
 */
export function apisUsedBy(code: string, index: ApiIndex): string[] {
  const resolver = resolverFor(index);
  const used = new Set<string>();
  const add = (record: ApiRecord | undefined) => {
    if (record) used.add(record.id);
  };
  // Event strings first (before string contents are blanked): `.on('pointerdown'`, `'keydown-SPACE'`.
  for (const match of code.matchAll(/\.(?:on|once)\(\s*['"`]([\w-]+)['"`]/g)) {
    const name = match[1].replace(/-.*$/, '-');
    add(resolver.byEvent.get(match[1]) ?? resolver.byEvent.get(name));
  }
  const { code: plain } = codeOnly(code);
  const consumed = new Set<number>();
  // Scene chains: `this.x.y.method(` / `scene.x.method(` / `this.scene.x.method(` (a game object's scene).
  for (const match of plain.matchAll(/\b(?:this\.scene|this|scene)((?:\.[A-Za-z_$][\w$]*)+)\s*\(/g)) {
    const path = `this${match[1]}`;
    const cut = path.lastIndexOf('.');
    const receiver = path.slice(0, cut);
    const method = path.slice(cut + 1);
    const chain = resolver.chains.find(([c]) => receiver === c);
    if (!chain) continue;
    const record = index.get(`${chain[1]}#${method}`);
    if (record) {
      add(record);
      consumed.add((match.index ?? 0) + match[0].search(/[\w$]+\s*\($/));
    }
  }
  // `Phaser.A.B.C`: the longest prefix that names a record.
  for (const match of plain.matchAll(/\bPhaser((?:\.[A-Za-z_$][\w$]*)+)/g)) {
    const parts = `Phaser${match[1]}`.split('.');
    for (let n = parts.length; n >= 2; n--) {
      const record = index.get(parts.slice(0, n).join('.'));
      if (record) {
        add(record);
        break;
      }
    }
  }
  // Every other `.name(` call, by member name.
  for (const match of plain.matchAll(/(\b[\w$]+)?\.([A-Za-z_$][\w$]*)\s*\(/g)) {
    const [, owner, name] = match;
    if (consumed.has((match.index ?? 0) + (owner?.length ?? 0) + 1)) continue;
    if (owner && /^(?:Math|JSON|Object|Array|Number|String|console|Date|Promise|window|document|Reflect|Symbol)$/.test(owner)) continue;
    if (GENERIC_NAMES.has(name) || JS_NAMES.has(name)) continue;
    const record = resolver.byName.get(name);
    if (record && (!record.id.startsWith('Phaser.Physics.Matter') || /\bmatter\b/.test(plain))) add(record);
  }
  return [...used];
}
