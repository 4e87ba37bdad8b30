// Turning raw JSDoc doclets (`types/phaser.json`) into compact API records.
import type { ApiDoc, ApiParam } from '../schemas/index.js';

/** The parts of a jsdoc doclet that phaser-sft reads. */
export interface Doclet {
  kind: string;
  name: string;
  longname: string;
  memberof?: string;
  scope?: string;
  access?: string;
  description?: string;
  classdesc?: string;
  since?: string;
  deprecated?: boolean | string;
  inherited?: boolean;
  inherits?: string;
  overrides?: string;
  augments?: string[];
  readonly?: boolean;
  defaultvalue?: unknown;
  undocumented?: boolean;
  ignore?: boolean;
  type?: { names?: string[] };
  params?: DocletParam[];
  properties?: DocletParam[];
  returns?: Array<{ type?: { names?: string[] }; description?: string }>;
  fires?: string[];
  meta?: { filename?: string; lineno?: number; path?: string };
}

export interface DocletParam {
  name?: string;
  type?: { names?: string[] };
  optional?: boolean;
  defaultvalue?: unknown;
  description?: string;
}

/** A typedef field (e.g. `GameConfig.physics`), same shape as a param. */
export type ApiProperty = ApiParam;

/** The record written to `phaser_api.jsonl`: the contract fields plus what retrieval and L2 use. */
export interface ApiRecord extends ApiDoc {
  scope: string | null;
  access?: string;
  /** `member`/`constant`: the value's type. */
  type?: string;
  readonly?: boolean;
  /** typedef fields (config objects such as `Phaser.Types.Core.GameConfig`). */
  properties?: ApiProperty[];
  /** class: parents and mixins. */
  augments?: string[];
  /** Classes that inherit this member unchanged (kept once, here, rather than copied into each). */
  inherited_by?: string[];
  /** The parent member this one overrides. */
  overrides?: string;
  /** event: the string games pass to `.on(...)`, when the docs show it. */
  event_name?: string;
  fires?: string[];
  /** `src/…/File.js:line` inside the phaser package. */
  source?: string;
}

/** Doclets that are not part of the public, documented API. */
export function dropReason(doclet: Doclet): 'private' | 'ignored' | 'undocumented' | 'inherited' | undefined {
  if (doclet.access === 'private') return 'private';
  if (doclet.ignore) return 'ignored';
  if (doclet.inherited) return 'inherited';
  const hasText = Boolean(doclet.description?.trim() || doclet.classdesc?.trim());
  const hasShape = Boolean(doclet.params?.length || doclet.properties?.length || doclet.returns?.length);
  if (doclet.undocumented || (!hasText && !hasShape)) return 'undocumented';
  return undefined;
}

/** JSDoc text → plain text: CR line ends, `{@link X}` / `[label]{@link X}` reduced to their label. */
export function cleanText(text: string | undefined): string {
  if (!text) return '';
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\[([^\]]+)\]\{@link(?:code|plain)?\s+[^}]+\}/g, '$1')
    .replace(/\{@link(?:code|plain)?\s+([^}|\s]+)(?:[|\s]+([^}]+))?\}/g, (_m, target: string, label?: string) => label ?? target)
    .replace(/<\/?(?:p|br|b|i|em|strong|code|ul|li|ol)\s*\/?>/gi, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** First sentence of a description (up to ~200 chars), for one-line listings. */
export function summaryOf(text: string): string {
  const paragraph = text.split(/\n\s*\n/)[0].replace(/\s*\n\s*/g, ' ').trim();
  const sentence = /^(.+?[.!?])(?:\s|$)/.exec(paragraph)?.[1] ?? paragraph;
  return sentence.length > 200 ? sentence.slice(0, 197).trimEnd() + '…' : sentence;
}

/** JSDoc type expression → TypeScript-like text: `Array.<X>` → `X[]`, `Object.<K, V>` → `Record<K, V>`. */
export function formatType(names: string[] | undefined): string {
  if (!names?.length) return 'any';
  return names.map(formatOneType).join(' | ');
}

function formatOneType(name: string): string {
  let type = name.replace(/\.</g, '<').replace(/^\((.*)\)$/, '$1');
  // Array<X> → X[] from the inside out (nested arrays, unions in parentheses).
  for (let guard = 0; guard < 5 && /Array<([^<>]+)>/.test(type); guard++) {
    type = type.replace(/Array<([^<>]+)>/g, (_m, inner: string) => (/[|\s]/.test(inner) && !/^\(.*\)$/.test(inner) ? `(${inner})[]` : `${inner}[]`));
  }
  return type
    .replace(/\b[Oo]bject<([^<>]+)>/g, 'Record<$1>')
    .replace(/^function\(\)$/, 'Function')
    .replace(/^\*$/, 'any');
}

function param(p: DocletParam): ApiParam {
  return {
    name: p.name ?? '',
    type: formatType(p.type?.names),
    optional: Boolean(p.optional),
    default: p.defaultvalue === undefined ? null : String(p.defaultvalue),
    description: cleanText(p.description),
  };
}

/** `name(x: number, y?: number): this` from a doclet's params and returns (top-level params only). */
export function signatureOf(doclet: Doclet): string {
  const params = (doclet.params ?? []).filter((p) => p.name && !p.name.includes('.'));
  const list = params.map((p) => `${p.name}${p.optional ? '?' : ''}: ${formatType(p.type?.names)}`).join(', ');
  const returns = doclet.returns?.length ? formatType(doclet.returns[0].type?.names) : 'void';
  switch (doclet.kind) {
    case 'function':
      return `${doclet.name}(${list}): ${returns}`;
    case 'class':
      return `new ${doclet.name}(${list})`;
    case 'event':
      return `event ${doclet.name}${list ? ` → listener(${list})` : ''}`;
    case 'typedef':
      if (doclet.type?.names?.includes('function')) return `type ${doclet.name} = (${list}) => ${returns}`;
      return `type ${doclet.name} = ${doclet.properties?.length ? `{ ${doclet.properties.length} fields }` : formatType(doclet.type?.names)}`;
    case 'namespace':
      return `namespace ${doclet.longname}`;
    default: {
      const prefix = doclet.readonly ? 'readonly ' : '';
      return `${prefix}${doclet.name}: ${formatType(doclet.type?.names)}`;
    }
  }
}

/** The event string a game listens for, when the docs show `.on('name', …)`. */
function eventNameOf(description: string): string | undefined {
  return /\.(?:on|once)\(\s*'([^']+)'/.exec(description)?.[1];
}

/** One kept doclet → one API record (inheritance is filled in by the builder). */
export function toApiRecord(doclet: Doclet): ApiRecord {
  const description = cleanText(doclet.kind === 'class' ? doclet.classdesc || doclet.description : doclet.description);
  const record: ApiRecord = {
    id: doclet.longname,
    kind: doclet.kind,
    name: doclet.name,
    memberof: doclet.memberof ?? null,
    signature: signatureOf(doclet),
    summary: summaryOf(description),
    description,
    params: (doclet.params ?? []).map(param),
    returns: doclet.returns?.length ? formatType(doclet.returns[0].type?.names) : null,
    since: doclet.since ?? null,
    deprecated: doclet.deprecated ?? null,
    scope: doclet.scope ?? null,
  };
  if (doclet.access) record.access = doclet.access;
  if (doclet.type?.names && doclet.kind !== 'function' && doclet.kind !== 'class') record.type = formatType(doclet.type.names);
  if (doclet.readonly) record.readonly = true;
  if (doclet.properties?.length) record.properties = doclet.properties.map(param);
  if (doclet.augments?.length) record.augments = doclet.augments;
  if (doclet.overrides) record.overrides = doclet.overrides;
  if (doclet.fires?.length) record.fires = doclet.fires;
  if (doclet.kind === 'event') {
    const eventName = eventNameOf(description);
    if (eventName) record.event_name = eventName;
  }
  if (doclet.meta?.filename) record.source = sourcePath(doclet.meta);
  return record;
}

/** `D:\…\phaser\src\physics\arcade` + `Body.js` → `src/physics/arcade/Body.js:1689`. */
function sourcePath(meta: NonNullable<Doclet['meta']>): string {
  const dir = (meta.path ?? '').replace(/\\/g, '/');
  const at = dir.lastIndexOf('/src/');
  const relative = at === -1 ? meta.filename : `${dir.slice(at + 1)}/${meta.filename}`;
  return meta.lineno ? `${relative}:${meta.lineno}` : String(relative);
}
