// Out-of-distribution prompts written for evaluation: phrasings the seed generator never uses
// (a spec sheet, a request for a relative, a game-jam theme, a checklist), over genres held out
// of training and over mechanic pairs that no training seed combines.
import { stableHash } from '../core/index.js';
import type { Lang } from '../schemas/index.js';
import { genreInfo } from '../seeds/index.js';
import { hasMechanicText, mechanicFeature } from './mechanicChecks.js';

export type OodKind = 'held_out_genre' | 'unseen_mechanic_combo';

export interface OodPromptDraft {
  prompt: string;
  lang: Lang;
  genre: string;
  mechanics: string[];
  ood_kind: OodKind;
  template: string;
}

const THEMES: Record<Lang, string[]> = {
  en: ['deep ocean', 'haunted library', 'candy factory', 'volcano island', 'space station', 'night market'],
  zh: ['深海', '闹鬼的图书馆', '糖果工厂', '火山岛', '太空站', '夜市'],
};

type Template = (genre: string, features: string[], theme: string) => string;

/** Phrasing templates, deliberately unlike the seed generator's ("Make a … game where …"). */
const TEMPLATES: Record<Lang, Record<string, Template>> = {
  en: {
    spec: (g, f) => `Spec for a small browser game. Genre: ${g}. Must have: ${f.join('; ')}. One file, nothing to download.`,
    relative: (g, f) => `My nephew is obsessed with ${g} games. Could you put one together that he can play in the browser, with ${joinEn(f)}?`,
    jam: (g, f, t) => `Game jam, theme "${t}". I want a tiny ${g} set in that theme where ${joinEn(f)}.`,
    checklist: (g, f) => `Checklist for the game I need:\n- it is a ${g}\n${f.map((x) => `- ${x}`).join('\n')}`,
  },
  zh: {
    spec: (g, f) => `需求说明：做一个浏览器小游戏。类型：${g}。必须包含：${f.join('；')}。只要一个文件，不下载任何资源。`,
    relative: (g, f) => `我侄子特别喜欢${g}类游戏，能不能帮他做一个在浏览器里玩的，要有${f.join('、')}？`,
    jam: (g, f, t) => `这次 game jam 的主题是「${t}」，做一个这个主题的迷你${g}游戏：${f.join('，')}。`,
    checklist: (g, f) => `我要的游戏清单：\n- 类型是${g}\n${f.map((x) => `- ${x}`).join('\n')}`,
  },
};

function joinEn(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A genre's name in a language, from the seed taxonomy's keywords. */
export function genreName(genre: string, lang: Lang): string {
  const info = genreInfo(genre);
  if (lang === 'zh' && info?.keywords.zh.length) return info.keywords.zh[0];
  return genre.replace(/_/g, ' ').replace(/^match3$/, 'match-3');
}

/** Deterministic order: by hash of (random seed, key). */
export function shuffled<T>(items: T[], randomSeed: number, key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, rank: stableHash([randomSeed, key(item)], 16) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    .map((entry) => entry.item);
}

/**
 * Mechanic pairs that occur in the taxonomy's fits of `genre` but never together in any
 * trained seed: the student has seen each mechanic, never the combination.
 */
export function unseenMechanicPairs(genre: string, trainedCombos: Set<string>): [string, string][] {
  const info = genreInfo(genre);
  const pool = [...new Set([...(info?.core ?? []), ...(info?.fits ?? [])])].filter(hasMechanicText).sort();
  const pairs: [string, string][] = [];
  for (let i = 0; i < pool.length; i++) for (let j = i + 1; j < pool.length; j++) if (!trainedCombos.has(`${pool[i]}+${pool[j]}`)) pairs.push([pool[i], pool[j]]);
  return pairs;
}

/** Every pair of a seed's mechanics, as `a+b` with a < b. */
export function mechanicPairs(mechanics: string[]): string[] {
  const sorted = [...new Set(mechanics)].sort();
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) out.push(`${sorted[i]}+${sorted[j]}`);
  return out;
}

/** Write one OOD prompt for a genre and its mechanics, the template and language picked by `variant`. */
export function writeOodPrompt(genre: string, mechanics: string[], lang: Lang, variant: number, ood_kind: OodKind): OodPromptDraft {
  const names = Object.keys(TEMPLATES[lang]);
  const template = names[variant % names.length];
  const theme = THEMES[lang][variant % THEMES[lang].length];
  const features = mechanics.map((m) => mechanicFeature(m, lang));
  return { prompt: TEMPLATES[lang][template](genreName(genre, lang), features, theme), lang, genre, mechanics, ood_kind, template };
}

/**
 * Draft OOD prompts: held-out genres (with mechanics from their taxonomy entry) first, then
 * unseen mechanic pairs on trained genres; languages alternate. More drafts than needed are
 * fine: the caller decontaminates and takes what it needs.
 */
export function draftOodPrompts(options: {
  oodGenres: string[];
  trainedGenres: string[];
  trainedCombos: Set<string>;
  count: number;
  randomSeed: number;
}): OodPromptDraft[] {
  const drafts: OodPromptDraft[] = [];
  let variant = 0;
  const lang = (): Lang => (variant % 2 === 0 ? 'en' : 'zh');
  for (let round = 0; round < 3 && options.oodGenres.length; round++) {
    for (const genre of options.oodGenres) {
      const info = genreInfo(genre);
      const pool = shuffled([...(info?.core ?? []), ...(info?.fits ?? [])].filter(hasMechanicText), options.randomSeed + round, (m) => `${genre}:${m}`);
      const mechanics = pool.slice(0, 2 + (round % 2)).sort();
      drafts.push(writeOodPrompt(genre, mechanics, lang(), variant, 'held_out_genre'));
      variant++;
    }
  }
  const pairs = shuffled(
    options.trainedGenres.flatMap((genre) => unseenMechanicPairs(genre, options.trainedCombos).map((pair) => ({ genre, pair }))),
    options.randomSeed,
    (entry) => `${entry.genre}:${entry.pair.join('+')}`,
  );
  for (const { genre, pair } of pairs.slice(0, options.count * 2)) {
    drafts.push(writeOodPrompt(genre, pair, lang(), variant, 'unseen_mechanic_combo'));
    variant++;
  }
  return drafts;
}
