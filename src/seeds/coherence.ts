// Coherence: elements a genre has no place for. A match-3, a puzzle, a clicker, a memory game
// or a snake has no enemies; a sokoban is played on the keys, not by swiping; a bike race does
// not happen underwater. The rules read the prompt's words, so they judge any seed — generated,
// curated, a user's or one a teacher wrote for `seeds expand` — and the grammar test checks
// every phrase the generator can emit against them.
import type { Seed } from '../schemas/index.js';
import { genreInfo } from './taxonomy.js';

export interface CoherenceRule {
  /** What the prompt asks for that does not belong ("enemies", "swipe controls"). */
  element: string;
  /** Genres that have no place for it. */
  genres: readonly string[];
  /** Only for games of this kind inside the genre (words that name the kind); default: every game of the genre. */
  when?: Words;
  /** Words that ask for the element. English: whole words (plural endings allowed); Chinese: substrings. */
  words: Words;
}

interface Words {
  en: readonly string[];
  zh: readonly string[];
}

export const COHERENCE_RULES: readonly CoherenceRule[] = [
  {
    element: 'enemies',
    genres: ['match3', 'puzzle', 'clicker', 'memory', 'snake'],
    words: {
      en: ['enemy', 'enemies', 'monster', 'boss', 'bosses', 'zombie', 'goblin', 'bandit', 'skeleton', 'invader', 'foe', 'villain', 'bad guy', 'mob'],
      zh: ['敌人', '怪物', '小怪', '刷怪', '打怪', 'boss', '僵尸', '敌机', '怪兽', '哥布林', '强盗', '骷髅', '反派'],
    },
  },
  {
    element: 'shooting',
    genres: ['match3', 'memory', 'snake', 'puzzle'],
    words: { en: ['shoot', 'shooting', 'bullet', 'gun', 'laser', 'missile', 'ammo'], zh: ['子弹', '射击', '开枪', '开火', '激光', '导弹', '弹药'] },
  },
  {
    element: 'swipe controls',
    genres: ['puzzle'],
    when: { en: ['sokoban', 'push the boxes', 'push boxes'], zh: ['推箱子'] },
    words: { en: ['swipe', 'swiping', 'drag', 'dragging'], zh: ['滑动', '滑屏', '拖动', '拖拽'] },
  },
  {
    element: 'underwater',
    genres: ['racing'],
    words: { en: ['underwater', 'under the sea', 'under water'], zh: ['海底', '水下', '水底'] },
  },
];

export interface CoherenceProblem {
  genre: string;
  element: string;
  /** The word that asked for it. */
  word: string;
}

const matchers = new Map<Words, (text: string) => string | undefined>();

/** The first of `words` found in `text` (lower case), if any. */
function findWord(words: Words, text: string): string | undefined {
  let matcher = matchers.get(words);
  if (!matcher) {
    const en = words.en.map((w) => ({ w, re: new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:s|es)?\\b`) }));
    matcher = (t) => en.find(({ re }) => re.test(t))?.w ?? words.zh.find((w) => t.includes(w));
    matchers.set(words, matcher);
  }
  return matcher(text);
}

/** What the prompt asks for that its genre has no place for (empty: coherent). */
export function coherenceProblems(seed: Pick<Seed, 'prompt' | 'genre'>): CoherenceProblem[] {
  const text = seed.prompt.toLowerCase();
  const problems: CoherenceProblem[] = [];
  for (const rule of COHERENCE_RULES) {
    if (!rule.genres.includes(seed.genre)) continue;
    if (rule.when && !findWord(rule.when, text)) continue;
    const word = findWord(rule.words, text);
    if (word) problems.push({ genre: seed.genre, element: rule.element, word });
  }
  return problems;
}

/** Tagged mechanics the genre's taxonomy entry does not list among its own or fitting ones. */
export function unfitMechanics(seed: Pick<Seed, 'genre' | 'mechanics'>): string[] {
  const info = genreInfo(seed.genre);
  if (!info) return [];
  const fitting = new Set([...info.core, ...info.fits]);
  return seed.mechanics.filter((m) => !fitting.has(m));
}
