// The project's closed lists, each written once: the validation levels, the dataset splits and
// the prompt languages (with the one rule that tells a prompt's language). Schemas, config,
// reports and stages all take them from here.

/** The validation levels, in the order they run: syntax, API, policy, runtime. */
export const LEVEL_NAMES = ['L1', 'L2', 'L3', 'L4'] as const;
export type LevelName = (typeof LEVEL_NAMES)[number];
/** The levels that run without a browser. */
export const STATIC_LEVEL_NAMES = ['L1', 'L2', 'L3'] as const satisfies readonly LevelName[];

/** The SFT dataset splits (`data/sft_dataset/<split>.jsonl`), in the order they are written. */
export const SPLITS = ['train', 'val', 'test'] as const;
export type SplitName = (typeof SPLITS)[number];

/** The prompt languages (the order reports list them in). */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/g;
const LATIN_WORD = /[A-Za-z]+/g;

/**
 * `zh` when Chinese characters outnumber Latin words (a Han character carries about a word),
 * else `en`. A mixed prompt ("做一个 breakout game") goes by which part is larger. This is the
 * rule seeds are labelled with, so the dataset and its report label records the same way.
 */
export function detectLang(text: string): Lang {
  const han = text.match(HAN)?.length ?? 0;
  const words = text.match(LATIN_WORD)?.length ?? 0;
  return han > 0 && han >= words ? 'zh' : 'en';
}
