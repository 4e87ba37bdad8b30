// The material of the offline seed grammar, one `GenreGrammar` per genre (./*.ts). A generated
// request is composed from parts of its own genre only — a hero (who or what the player
// controls), a setting, a goal, a twist and feature phrases — so nothing from another genre can
// leak in (the old generator glued any mechanic phrase onto any subject: "敌人用状态机控制" in a
// match-3). Each language is written separately, as people of that language ask; nothing is
// translated at run time.

/** One piece of a request, in both languages. */
export interface Part {
  /** Stable id: concept signatures use the ids of heroes and goals, so `fox` and `小狐狸` are one subject. */
  id: string;
  en: string;
  zh: string;
  /** Mechanics (taxonomy ids) the words ask for. */
  tags: readonly string[];
  /**
   * Kinds of game this part fits inside its genre (e.g. `sokoban`, `2048` in puzzle; `water`
   * for a boat race). A part with groups is only combined with a hero of one of them; a hero's
   * own groups say what it is. No groups: fits every kind.
   */
  groups: readonly string[];
}

/** A feature phrase: a mechanic the request asks for, in the words of this genre. */
export interface Feature extends Part {
  /** `system`: a whole subsystem (levels, shop, boss, menus, state machine) — what makes a request hard. */
  scope: 'detail' | 'system';
  /** Range of the number written as `#` in the text (a first `#` only). */
  n?: readonly [number, number];
}

export interface GenreGrammar {
  genre: string;
  /**
   * What the hero is: `actor` someone who does the goal ("a fox has to…"), `pieces` what the game
   * is played with ("a match-3 game with fruit"), `kind` the game itself ("minesweeper").
   */
  role: 'actor' | 'pieces' | 'kind';
  /** How people name the genre: "platformer", "side-scroller"; "平台跳跃", "横版过关". */
  names: { en: readonly string[]; zh: readonly string[] };
  /** Who or what the player controls, or the pieces played with (match-3 gems, puzzle kinds). English with its article. */
  heroes: readonly Part[];
  /** Where it happens. English: a prepositional phrase ("on floating islands"); Chinese: a place with its locative ("浮空岛上"). */
  settings: readonly Part[];
  /** What the player is after. English: a bare verb phrase ("collect every gem"); Chinese: a verb phrase ("收集所有宝石"). */
  goals: readonly Part[];
  /** A rule that makes this game unlike the plain one. English: a clause; Chinese: a clause. */
  twists: readonly Part[];
  features: readonly Feature[];
}

type Tags = string | readonly string[] | undefined;
const list = (tags: Tags): readonly string[] => (tags === undefined ? [] : typeof tags === 'string' ? tags.split(' ').filter(Boolean) : tags);

/** A part: `[id, en, zh, tags?, groups?]`, tags and groups as space-separated words. */
export type PartRow = readonly [id: string, en: string, zh: string, tags?: string, groups?: string];
/** A feature: `[tags, en, zh, options?]`. `sys` marks a subsystem; `n` a number range for `#`. */
export type FeatureRow = readonly [tags: string, en: string, zh: string, options?: { sys?: true; n?: readonly [number, number]; groups?: string }];

export function parts(rows: readonly PartRow[]): Part[] {
  return rows.map(([id, en, zh, tags, groups]) => ({ id, en, zh, tags: list(tags), groups: list(groups) }));
}

export function features(rows: readonly FeatureRow[]): Feature[] {
  return rows.map(([tags, en, zh, options = {}], index) => ({
    id: `f${index}`,
    en,
    zh,
    tags: list(tags),
    groups: list(options.groups),
    scope: options.sys ? 'system' : 'detail',
    ...(options.n ? { n: options.n } : {}),
  }));
}
