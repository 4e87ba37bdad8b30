// Concept signatures: what a request asks for, apart from how it is worded — its genre, its
// canonical mechanics and its subject (the hero or game kind, and the goal). Two seeds with one
// signature are the same game asked twice, in other words or another language ("a fox has to
// collect every gem" and "小狐狸要收集所有宝石" share `fox+gems`), so the build caps how many
// seeds one concept may have.
import type { Seed } from '../schemas/index.js';
import { grammarOf, type Part } from './grammar/index.js';

interface SubjectKey {
  id: string;
  en?: RegExp;
  zh?: string;
}

const lexicons = new Map<string, SubjectKey[]>();

/** The words that name a part: English without its article or parenthesis, Chinese before its parenthesis. */
function keyOf(part: Part, prefix: string): SubjectKey {
  const en = part.en.replace(/\s*\(.*$/, '').replace(/^(a|an|the)\s+/i, '').toLowerCase().trim();
  const zh = part.zh.replace(/（.*$/, '').trim().toLowerCase();
  return {
    id: `${prefix}${part.id}`,
    en: en ? new RegExp(`${/^\w/.test(en) ? '\\b' : ''}${en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${/\w$/.test(en) ? '\\b' : ''}`) : undefined,
    zh: zh || undefined,
  };
}

function lexicon(genre: string): SubjectKey[] {
  let keys = lexicons.get(genre);
  if (!keys) {
    const grammar = grammarOf(genre);
    keys = grammar ? [...grammar.heroes.map((p) => keyOf(p, '')), ...grammar.goals.map((p) => keyOf(p, 'goal:'))] : [];
    lexicons.set(genre, keys);
  }
  return keys;
}

/** Ids of the heroes and goals of the seed's genre that its prompt names, sorted. */
export function subjectIds(seed: Pick<Seed, 'prompt' | 'genre'>): string[] {
  const text = seed.prompt.toLowerCase();
  return lexicon(seed.genre)
    .filter((k) => (k.en && k.en.test(text)) || (k.zh && text.includes(k.zh)))
    .map((k) => k.id)
    .sort();
}

/** `genre|mechanics|subject`: equal for two seeds that ask for the same game. */
export function conceptSignature(seed: Pick<Seed, 'prompt' | 'genre' | 'mechanics'>): string {
  return `${seed.genre}|${[...new Set(seed.mechanics)].sort().join(',')}|${subjectIds(seed).join('+')}`;
}

/** Seeds per concept signature. */
export class ConceptCounts {
  private readonly counts = new Map<string, number>();

  count(signature: string): number {
    return this.counts.get(signature) ?? 0;
  }

  add(signature: string): void {
    this.counts.set(signature, this.count(signature) + 1);
  }

  get distinct(): number {
    return this.counts.size;
  }

  values(): number[] {
    return [...this.counts.values()];
  }

  entries(): [string, number][] {
    return [...this.counts.entries()];
  }
}
