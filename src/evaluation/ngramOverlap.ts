// N-gram overlap between a small set of eval prompts and a large stream of training text,
// the decontamination rule of GPT-3 and most eval papers: an eval prompt is contaminated when
// any n consecutive tokens of it occur in training text. Words count as tokens for spaced
// text and single characters for Chinese, so one rule covers both languages.
import { hash32, normalizeText } from '../core/index.js';

/** Tokens of normalised text: each CJK character on its own, other runs of letters/digits whole. */
export function overlapTokens(text: string): string[] {
  // ASCII (most code) needs no Unicode normalisation, which costs more than the tokenising.
  const normal = /^[\x00-\x7f]*$/.test(text) ? text.toLowerCase() : normalizeText(text);
  return normal.match(/[\u3400-\u9fff\uf900-\ufaff]|[\p{L}\p{N}_$]+/gu) ?? [];
}

/** True when most tokens are CJK characters (such text uses the character n-gram length). */
export function isMostlyCjk(tokens: string[]): boolean {
  let cjk = 0;
  for (const token of tokens) if (/^[\u3400-\u9fff\uf900-\ufaff]$/.test(token)) cjk++;
  return cjk * 2 > tokens.length;
}

const BASE = 0x01000193;

/** Power of BASE mod 2^32. */
function basePow(n: number): number {
  let p = 1;
  for (let i = 0; i < n; i++) p = Math.imul(p, BASE);
  return p >>> 0;
}

interface Gram {
  owner: number;
  tokens: string[];
}

/**
 * The n-grams of a few texts (the eval prompts), looked up in long texts with a rolling hash:
 * one pass per distinct n over each scanned text, a hash hit confirmed on the tokens.
 * A text shorter than n contributes itself whole, so a short prompt quoted verbatim still counts.
 */
export class NgramOverlapIndex {
  private readonly byLength = new Map<number, Map<number, Gram[]>>();

  /** `lengthFor(tokens)` picks n for a text (e.g. 12 for Chinese, 13 for English). */
  constructor(texts: string[], lengthFor: (tokens: string[]) => number) {
    texts.forEach((text, owner) => {
      const tokens = overlapTokens(text);
      if (!tokens.length) return;
      const n = Math.min(lengthFor(tokens), tokens.length);
      let table = this.byLength.get(n);
      if (!table) this.byLength.set(n, (table = new Map()));
      const hashes = tokens.map((t) => hash32(t));
      for (let i = 0; i + n <= tokens.length; i++) {
        const key = windowHash(hashes, i, n);
        const grams = table.get(key);
        const gram = { owner, tokens: tokens.slice(i, i + n) };
        if (grams) grams.push(gram);
        else table.set(key, [gram]);
      }
    });
  }

  /** Indexes of the texts that share at least one n-gram with `text`. */
  matches(text: string): Set<number> {
    const found = new Set<number>();
    if (!this.byLength.size) return found;
    const tokens = overlapTokens(text);
    const hashes = tokens.map((t) => hash32(t));
    for (const [n, table] of this.byLength) {
      if (tokens.length < n) continue;
      const drop = basePow(n - 1);
      let h = windowHash(hashes, 0, n);
      for (let i = 0; ; i++) {
        const grams = table.get(h);
        if (grams) for (const gram of grams) if (!found.has(gram.owner) && sameTokens(tokens, i, gram.tokens)) found.add(gram.owner);
        if (i + n >= tokens.length) break;
        h = (Math.imul((h - Math.imul(hashes[i], drop)) >>> 0, BASE) + hashes[i + n]) >>> 0;
      }
    }
    return found;
  }
}

function windowHash(hashes: number[], start: number, n: number): number {
  let h = 0;
  for (let i = start; i < start + n; i++) h = (Math.imul(h, BASE) + hashes[i]) >>> 0;
  return h;
}

function sameTokens(tokens: string[], start: number, gram: string[]): boolean {
  for (let j = 0; j < gram.length; j++) if (tokens[start + j] !== gram[j]) return false;
  return true;
}
