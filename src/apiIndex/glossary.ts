// The bilingual game-term glossary: Chinese segmentation and query expansion into API words.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError, bundledPath } from '../core/index.js';
import { tokenize } from './tokenize.js';

/** `assets/glossary/game_terms.zh-en.json`, found from src/ (tsx) and dist/ (built) alike. */
export const defaultGlossaryFile = bundledPath('assets', 'glossary', 'game_terms.zh-en.json');

const glossaryFileSchema = z.object({
  version: z.number(),
  zh_stopwords: z.array(z.string()),
  terms: z.array(
    z.object({
      zh: z.array(z.string().min(1)).min(1),
      /** English concepts, comma-separated alternatives. */
      en: z.string().min(1),
      api: z.array(z.string().min(1)),
    }),
  ),
});
export type GlossaryTerm = z.infer<typeof glossaryFileSchema>['terms'][number];

/** A query term and how much it counts (1 = typed by the user, less = added by expansion). */
export type WeightedTerms = Map<string, number>;

/**
 * How much expansion terms count next to what the user typed. An entry's first API word is its
 * canonical API (`镜头跟随` → `startFollow`) and counts more than the related ones after it.
 */
export const EXPANSION_WEIGHTS = { zhToEnglish: 1, zhToApi: 0.6, enToApi: 0.5, primaryApiBoost: 1.5 } as const;

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;

/** One piece of a segmented Chinese run: a glossary term, a stopword, or an unknown character. */
export interface Segment {
  text: string;
  term?: GlossaryTerm;
  stopword?: boolean;
}

export class Glossary {
  private readonly byZh = new Map<string, GlossaryTerm>();
  private readonly stopwords: Set<string>;
  private readonly maxLength: number;
  /** English concept (its tokens joined) → entries, for expanding English queries. */
  private readonly byEnglish: Array<{ tokens: string[]; term: GlossaryTerm }>;
  /** Per entry: tokens of its API words with their relative weight (canonical first word > the rest). */
  private readonly apiTokens = new Map<GlossaryTerm, Array<[token: string, weight: number]>>();
  private readonly enTokens = new Map<GlossaryTerm, string[]>();

  constructor(readonly terms: GlossaryTerm[], stopwords: string[] = []) {
    for (const term of terms) {
      for (const zh of term.zh) this.byZh.set(zh, term);
      const weighted = new Map<string, number>();
      term.api.forEach((api, i) => {
        const weight = i === 0 ? EXPANSION_WEIGHTS.primaryApiBoost : 1;
        for (const token of tokenize(api, { keepStopwords: true })) weighted.set(token, Math.max(weighted.get(token) ?? 0, weight));
      });
      this.apiTokens.set(term, [...weighted]);
      this.enTokens.set(term, tokenize(term.en));
    }
    this.stopwords = new Set(stopwords);
    this.maxLength = Math.max(1, ...[...this.byZh.keys(), ...stopwords].map((k) => k.length));
    // Each comma-separated alternative of `en` ("arrow keys, cursor keys") is a phrase of its own.
    this.byEnglish = terms
      .flatMap((term) => term.en.split(',').map((phrase) => ({ tokens: tokenize(phrase), term })))
      .filter((entry) => entry.tokens.length > 0);
  }

  /** Number of distinct Chinese terms. */
  get size(): number {
    return this.byZh.size;
  }

  /**
   * Forward maximum matching over a run of Chinese characters: at each position take the longest
   * glossary term or stopword; a character that starts neither is kept as an unknown segment.
   */
  segment(run: string): Segment[] {
    const segments: Segment[] = [];
    let i = 0;
    while (i < run.length) {
      let matched: Segment | undefined;
      for (let length = Math.min(this.maxLength, run.length - i); length >= 1; length--) {
        const piece = run.slice(i, i + length);
        const term = this.byZh.get(piece);
        if (term) matched = { text: piece, term };
        else if (this.stopwords.has(piece)) matched = { text: piece, stopword: true };
        if (matched) break;
      }
      matched ??= { text: run[i] };
      segments.push(matched);
      i += matched.text.length;
    }
    return segments;
  }

  /**
   * Query text → weighted terms. Latin text is tokenized as code-aware words (weight 1) and English
   * concepts from the glossary add their API words; Chinese runs are segmented and each glossary
   * term contributes its English concept and API words.
   */
  expand(text: string, terms: WeightedTerms = new Map()): WeightedTerms {
    const latin = text.replace(CJK_RUN, ' ');
    const latinTokens = tokenize(latin);
    for (const token of latinTokens) add(terms, token, 1);
    if (latinTokens.length) {
      const present = new Set(latinTokens);
      for (const { tokens, term } of this.byEnglish) {
        if (tokens.every((t) => present.has(t))) for (const [api, weight] of this.apiTokens.get(term)!) add(terms, api, EXPANSION_WEIGHTS.enToApi * weight);
      }
    }
    if (CJK.test(text)) {
      for (const run of text.match(CJK_RUN) ?? []) {
        for (const segment of this.segment(run)) {
          if (!segment.term) continue;
          for (const en of this.enTokens.get(segment.term)!) add(terms, en, EXPANSION_WEIGHTS.zhToEnglish);
          for (const [api, weight] of this.apiTokens.get(segment.term)!) add(terms, api, EXPANSION_WEIGHTS.zhToApi * weight);
        }
      }
    }
    return terms;
  }
}

/** Keep the highest weight a term gets from any source (a term repeated does not snowball). */
function add(terms: WeightedTerms, token: string, weight: number): void {
  if ((terms.get(token) ?? 0) < weight) terms.set(token, weight);
}

const cache = new Map<string, Glossary>();

/** Load (once per file) and check a glossary file; a bad file names itself and the field. */
export function loadGlossary(file = defaultGlossaryFile): Glossary {
  const cached = cache.get(file);
  if (cached) return cached;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError({ file }, `cannot read the glossary (${(error as Error).message})`);
  }
  const parsed = glossaryFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError({ file, field: issue?.path.map(String).join('.') }, issue?.message ?? 'invalid glossary');
  }
  const glossary = new Glossary(parsed.data.terms, parsed.data.zh_stopwords);
  cache.set(file, glossary);
  return glossary;
}
