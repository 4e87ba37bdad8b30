// The API context injected into the teacher's system prompt: top-k docs packed into a token budget.
import { countTokens } from '../core/index.js';
import type { ApiIndex } from './apiIndex.js';
import type { ApiRecord } from './doclets.js';

export interface ApiContextOptions {
  /** The request text (a seed's prompt). */
  query: string;
  /** The seed's mechanics tags, used as extra query terms. */
  mechanics?: string[];
  /** Upper bound on `tokens` of the returned text. */
  tokenBudget: number;
  /** Docs retrieved before packing (default 24). */
  topK?: number;
  /** Docs each mechanics tag is guaranteed an early place for (default 3; 0 = whole query only). */
  perMechanic?: number;
}

export interface ApiContext {
  text: string;
  /** Ids of the docs in `text`, best first. */
  api_refs: string[];
  tokens: number;
}

const MAX_SUMMARY_CHARS = 110;
const MAX_LISTED_FIELDS = 10;
const MAX_LISTED_SUBCLASSES = 3;

function shortSummary(summary: string): string {
  if (!summary) return '';
  const text = summary.length > MAX_SUMMARY_CHARS ? summary.slice(0, MAX_SUMMARY_CHARS - 1).trimEnd() + '…' : summary;
  return ` — ${text}`;
}

/** One compact line for a doc: its signature (typedefs list their fields) and a short summary. */
export function docLine(doc: ApiRecord): string {
  let signature = doc.signature;
  if (doc.kind === 'typedef' && doc.properties?.length) {
    const fields = doc.properties.filter((p) => !p.name.includes('.')).slice(0, MAX_LISTED_FIELDS);
    const more = doc.properties.length > fields.length ? ', …' : '';
    signature = `type ${doc.name} = { ${fields.map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type}`).join('; ')}${more} }`;
  }
  if (doc.kind === 'event' && doc.event_name) signature += ` ('${doc.event_name}')`;
  if (doc.deprecated) signature += ' [deprecated]';
  return signature + shortSummary(doc.summary);
}

/** The group a doc is listed under: its class or namespace (a class lists under itself). */
function groupOf(doc: ApiRecord): string {
  return doc.kind === 'class' ? doc.id : (doc.memberof ?? doc.id);
}

/** `// Phaser.Physics.Arcade.Components.Velocity — on Arcade.Image, Arcade.Sprite` (+ how a scene reaches it). */
function groupHeader(index: ApiIndex, group: string, docs: ApiRecord[]): string {
  const notes: string[] = [];
  const accessor = index.accessors.get(group);
  if (accessor) notes.push(accessor);
  const subclasses = new Set(docs.flatMap((doc) => doc.inherited_by ?? []));
  if (subclasses.size) {
    const listed = [...subclasses].slice(0, MAX_LISTED_SUBCLASSES).map((c) => c.replace(/^Phaser\./, ''));
    notes.push(`on ${listed.join(', ')}${subclasses.size > listed.length ? ` +${subclasses.size - listed.length}` : ''}`);
  }
  return `// ${group}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

function render(index: ApiIndex, chosen: ApiRecord[]): string {
  const groups = new Map<string, ApiRecord[]>();
  for (const doc of chosen) {
    const group = groupOf(doc);
    groups.set(group, [...(groups.get(group) ?? []), doc]);
  }
  const blocks: string[] = [];
  for (const [group, docs] of groups) blocks.push([groupHeader(index, group, docs), ...docs.map(docLine)].join('\n'));
  return blocks.join('\n\n');
}

/** Token counts of lines and headers, which recur across requests (bounded memo). */
const tokenMemo = new Map<string, number>();
function lineTokens(text: string): number {
  let count = tokenMemo.get(text);
  if (count === undefined) {
    if (tokenMemo.size > 50_000) tokenMemo.clear();
    tokenMemo.set(text, (count = countTokens(text)));
  }
  return count;
}

/**
 * The docs to pack, best first. A long request mixes several concerns and the whole-query
 * ranking tends to serve the loudest one, so each mechanics tag's own top docs are interleaved
 * with it: whole-query #1, tag A #1, tag B #1, whole-query #2, tag A #2, … then the rest.
 */
function candidates(index: ApiIndex, options: ApiContextOptions): ApiRecord[] {
  const topK = options.topK ?? 24;
  const perMechanic = options.perMechanic ?? 3;
  const whole = index.search(options.query, { k: topK, extraTerms: options.mechanics }).map((hit) => hit.doc);
  if (perMechanic <= 0) return whole;
  const perTag = (options.mechanics ?? []).map((tag) => index.search(tag.replace(/[_-]+/g, ' '), { k: perMechanic }).map((hit) => hit.doc));
  const ranked: ApiRecord[] = [];
  for (let round = 0; round < perMechanic; round++) {
    if (whole[round]) ranked.push(whole[round]);
    for (const tagHits of perTag) if (tagHits[round]) ranked.push(tagHits[round]);
  }
  ranked.push(...whole.slice(perMechanic));
  return ranked;
}

/** Same name, same kind: `Body#setVelocityY` after `Components.Velocity#setVelocityY` adds nothing a model needs. */
function duplicateKey(doc: ApiRecord): string {
  return doc.kind === 'class' || doc.kind === 'namespace' || doc.kind === 'typedef' ? doc.id : `${doc.kind}:${doc.name}`;
}

/**
 * Retrieve the top-k docs for a request and pack them, best first, into `tokenBudget` tokens
 * (counted with the real tokenizer): compact signature lines grouped by class, each doc once and
 * each member name once. A doc that does not fit is skipped; smaller ones after it may still go in.
 */
export function buildApiContext(index: ApiIndex, options: ApiContextOptions): ApiContext {
  const hits = candidates(index, options);
  const chosen: ApiRecord[] = [];
  const seen = new Set<string>();
  const groups = new Map<string, ApiRecord[]>();
  let estimate = 0;
  for (const doc of hits) {
    if (seen.has(duplicateKey(doc))) continue;
    const group = groupOf(doc);
    const members = groups.get(group) ?? [];
    // Cost of the doc: its line, plus its group's header (new, or redrawn with more subclasses),
    // plus the newline(s) that join it; each separator is about one token in o200k.
    const oldHeader = members.length ? lineTokens(groupHeader(index, group, members)) : 0;
    const newHeader = lineTokens(groupHeader(index, group, [...members, doc]));
    const cost = lineTokens(docLine(doc)) + newHeader - oldHeader + (members.length ? 1 : 2);
    if (estimate + cost > options.tokenBudget) continue;
    estimate += cost;
    chosen.push(doc);
    seen.add(duplicateKey(doc));
    groups.set(group, [...members, doc]);
  }
  // The estimate is close but not exact (merges across line breaks): check, and trim if over.
  let text = render(index, chosen);
  let tokens = chosen.length ? countTokens(text) : 0;
  while (chosen.length && tokens > options.tokenBudget) {
    chosen.pop();
    text = render(index, chosen);
    tokens = chosen.length ? countTokens(text) : 0;
  }
  return { text: chosen.length ? text : '', api_refs: chosen.map((doc) => doc.id), tokens };
}
