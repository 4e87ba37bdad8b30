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
  /** Docs each aspect (mechanics tag or clause of the request) is guaranteed an early place for (default 3; 0 = whole query only). */
  perMechanic?: number;
  /** Ids already in the prompt (the core toolkit): not packed again. */
  exclude?: ReadonlySet<string>;
  /** Game-facing retrieval (default true): see ./gameFacing.ts; false = every API may come. */
  gameFacing?: boolean;
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

/** Docs as reference text: grouped by class (first-seen order), one compact line each. */
export function renderDocs(index: ApiIndex, chosen: readonly ApiRecord[]): string {
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

/** Most aspects a request is split into (mechanics tags + clauses); more would thin each out. */
const MAX_ASPECTS = 8;

/**
 * A request's clauses: "fire particles when the ball hits a brick" → "fire particles", "the ball
 * hits a brick"; Chinese splits at its punctuation and at 当/时/然后/并且/同时. One clause = none.
 */
export function requestClauses(query: string): string[] {
  const clauses = query
    .split(/[,，。.;；!！?？、:：\n]+|\s+(?:when|while|whenever|then|and then|after|before|if|so that|until|but)\s+|当|然后|并且|同时|之后|以后|(?<=[\u3400-\u9fff])时/i)
    .map((clause) => clause?.trim() ?? '')
    .filter((clause) => clause.length >= 2);
  return clauses.length > 1 ? clauses : [];
}

/** The aspects of a request, each searched on its own: its mechanics tags, then its clauses. */
export function requestAspects(query: string, mechanics: readonly string[] = []): string[] {
  const aspects = [...mechanics.map((tag) => tag.replace(/[_-]+/g, ' ')), ...requestClauses(query)];
  return [...new Set(aspects)].slice(0, MAX_ASPECTS);
}

/**
 * The docs to pack, best first. A request with several parts ("fire particles when the ball hits
 * a brick") ranked as a whole serves its loudest part (Group and blend-mode members, no particle
 * API), so each aspect (./requestAspects) is searched on its own and the rankings interleaved:
 * whole #1, aspect A #1, aspect B #1, …, whole #2, aspect A #2, … then the rest of the whole.
 */
function candidates(index: ApiIndex, options: ApiContextOptions): ApiRecord[] {
  const topK = options.topK ?? 24;
  const perAspect = options.perMechanic ?? 3;
  const exclude = options.exclude ?? new Set<string>();
  const gameFacing = options.gameFacing !== false;
  const search = (text: string, k: number, extraTerms?: string[]) =>
    index
      .search(text, { k: k + exclude.size, extraTerms, gameFacing })
      .map((hit) => hit.doc)
      .filter((doc) => !exclude.has(doc.id))
      .slice(0, k);
  const whole = search(options.query, topK, options.mechanics);
  if (perAspect <= 0) return whole;
  const perAspectHits = requestAspects(options.query, options.mechanics).map((aspect) => search(aspect, perAspect));
  const ranked: ApiRecord[] = [];
  for (let round = 0; round < perAspect; round++) {
    if (whole[round]) ranked.push(whole[round]);
    for (const hits of perAspectHits) if (hits[round]) ranked.push(hits[round]);
  }
  ranked.push(...whole.slice(perAspect));
  return ranked;
}

/** The ranking a game request's context is drawn from (before packing), as ids: what bench/apictx.ts scores. */
export function rankForGame(index: ApiIndex, query: string, k: number, mechanics: string[] = []): string[] {
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const doc of candidates(index, { query, mechanics, tokenBudget: Infinity, topK: k })) {
    if (!seen.has(doc.id)) ids.push(doc.id);
    seen.add(doc.id);
  }
  return ids.slice(0, k);
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
  let text = renderDocs(index, chosen);
  let tokens = chosen.length ? countTokens(text) : 0;
  while (chosen.length && tokens > options.tokenBudget) {
    chosen.pop();
    text = renderDocs(index, chosen);
    tokens = chosen.length ? countTokens(text) : 0;
  }
  return { text: chosen.length ? text : '', api_refs: chosen.map((doc) => doc.id), tokens };
}
