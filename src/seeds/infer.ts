// Fill in what a user's seed leaves out: language, genre, mechanics and difficulty, from the
// prompt's own words. Also the stable seed id.
import { detectLang, normalizeText, stableHash } from '../core/index.js';
import type { Difficulty } from '../schemas/index.js';
import { DIFFICULTY_KEYWORDS, FALLBACK_GENRE, GENRES, MECHANICS, genreInfo } from './taxonomy.js';

/** Stable id of a seed: a hash of its normalised prompt, so case and spacing do not change it. */
export function seedId(prompt: string): string {
  return stableHash(normalizeText(prompt), 16);
}

export { detectLang } from '../core/index.js';

type Keywords = { en: readonly string[]; zh: readonly string[] };

const matcherCache = new Map<Keywords, (text: string) => number>();

/**
 * How strongly a keyword list matches `text` (lower case): the summed length of the keywords
 * found, so a specific phrase ("space shooter", "接水管") outweighs a generic word ("shooter",
 * "水管"). English keywords match whole words with an optional plural/verb ending, Chinese ones
 * as substrings.
 */
function keywordHits(keywords: Keywords, text: string): number {
  let matcher = matcherCache.get(keywords);
  if (!matcher) {
    const patterns = keywords.en.map((word) => ({ word, re: new RegExp(`\\b${escapeRegExp(word)}(?:s|es|ed|ing)?\\b`) }));
    const zh = keywords.zh;
    matcher = (t) => {
      let score = 0;
      for (const { word, re } of patterns) if (re.test(t)) score += word.length;
      // A Chinese character carries about as much as an English word of three letters.
      for (const word of zh) if (t.includes(word)) score += word.length * 3;
      return score;
    };
    matcherCache.set(keywords, matcher);
  }
  return matcher(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The genre whose keywords match the prompt most strongly (ties: taxonomy order), else the fallback. */
export function inferGenre(prompt: string): string {
  const text = prompt.toLowerCase();
  let best = FALLBACK_GENRE;
  let bestHits = 0;
  for (const genre of GENRES) {
    const hits = keywordHits(genre.keywords, text);
    if (hits > bestHits) {
      best = genre.id;
      bestHits = hits;
    }
  }
  return best;
}

/** The genre's core mechanics plus every mechanic the prompt names, in taxonomy order. */
export function inferMechanics(prompt: string, genre: string): string[] {
  const text = prompt.toLowerCase();
  const core = new Set(genreInfo(genre)?.core ?? []);
  return MECHANICS.filter((m) => core.has(m.id) || keywordHits(m.keywords, text) > 0).map((m) => m.id);
}

/** Size words first ("simple", "多关"), else how much the request asks for. */
export function inferDifficulty(prompt: string, mechanics: readonly string[]): Difficulty {
  const text = prompt.toLowerCase();
  const easy = keywordHits(DIFFICULTY_KEYWORDS.easy, text);
  const hard = keywordHits(DIFFICULTY_KEYWORDS.hard, text);
  if (hard > easy) return 'hard';
  if (easy > hard) return 'easy';
  const long = detectLang(prompt) === 'zh' ? prompt.length > 90 : prompt.length > 260;
  const weight = mechanics.length + (long ? 2 : 0);
  return weight <= 3 ? 'easy' : weight <= 6 ? 'medium' : 'hard';
}
