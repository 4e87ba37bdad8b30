// Out-of-distribution prompts written for evaluation: phrasings the seed generator never uses
// (a spec sheet, a request for a relative, a game-jam theme, a checklist), over genres held out
// of training and over mechanic pairs that no training seed combines.
import { stableHash } from '../core/index.js';
import type { Lang } from '../schemas/index.js';
import { GENRE_IDS, genreInfo } from '../seeds/index.js';
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

/** A setting for the game-jam and birthday phrasings: the theme's title and a place phrase. */
interface Theme {
  title: string;
  /** A place as a noun phrase (zh) or a prepositional phrase (en): "aboard a space station", "太空站". */
  place: string;
  /** zh only: the place with its locative ("太空站上"), after 发生在. */
  at?: string;
}

const THEMES: Record<Lang, Theme[]> = {
  en: [
    { title: 'Deep Sea', place: 'at the bottom of the sea' },
    { title: 'Haunted Library', place: 'in a haunted library' },
    { title: 'Candy Factory', place: 'inside a candy factory' },
    { title: 'Volcano Island', place: 'on a volcanic island' },
    { title: 'Space Station', place: 'aboard a space station' },
    { title: 'Night Market', place: 'at a busy night market' },
    { title: 'Lost in the Clouds', place: 'high above the clouds' },
    { title: 'Winter Festival', place: 'at a snowy winter festival' },
  ],
  zh: [
    { title: '深海', place: '海底', at: '海底' },
    { title: '闹鬼的图书馆', place: '闹鬼的图书馆', at: '闹鬼的图书馆里' },
    { title: '糖果工厂', place: '糖果工厂', at: '糖果工厂里' },
    { title: '火山岛', place: '火山岛', at: '火山岛上' },
    { title: '太空站', place: '太空站', at: '太空站上' },
    { title: '夜市', place: '热闹的夜市', at: '夜市里' },
    { title: '云端', place: '云端之上', at: '云层上面' },
    { title: '冰雪节', place: '冰雪节', at: '冰雪节上' },
  ],
};

/**
 * Each mechanic as a noun phrase, so that every template can take any list of them ("with X, Y
 * and Z", "要有X、Y和Z"): the feature phrases of mechanicChecks.ts mix clauses and nouns.
 */
const FEATURE_NOUNS: Record<string, Record<Lang, string>> = {
  gravity_jump: { en: 'a jump that gravity pulls back down', zh: '受重力影响的跳跃' },
  collisions: { en: 'solid collisions between objects', zh: '物体之间的碰撞' },
  scoring: { en: 'a score that climbs as you play', zh: '随着游戏不断增长的分数' },
  lives: { en: 'a few lives before game over', zh: '几条命（用完就结束）' },
  timers: { en: 'a countdown clock', zh: '倒计时' },
  tweens: { en: 'smooth animated transitions', zh: '平滑的过渡动画' },
  particles: { en: 'particle bursts for effects', zh: '粒子特效' },
  camera_follow: { en: 'a camera that follows the player around a world bigger than the screen', zh: '跟着玩家走的镜头（地图比屏幕大）' },
  tilemap_array: { en: 'a level laid out from a 2D array of tiles', zh: '用二维数组搭出来的关卡' },
  pointer_drag: { en: 'dragging with the mouse or a finger', zh: '用鼠标或手指拖拽' },
  pointer_click: { en: 'click or tap controls', zh: '点击或轻触操作' },
  keyboard: { en: 'keyboard controls', zh: '键盘操作' },
  ui_text: { en: 'on-screen text that tells the player what is going on', zh: '提示当前状态的屏幕文字' },
  levels_scenes: { en: 'start and game-over screens', zh: '开始画面和结束画面' },
  state_machine: { en: 'characters that switch between distinct behaviours', zh: '会在几种行为之间切换的角色' },
  procedural: { en: 'a layout that changes every run', zh: '每局都不一样的随机布局' },
  spawning: { en: 'new objects that keep appearing', zh: '源源不断刷出来的新物体' },
  projectiles: { en: 'something to shoot', zh: '可以发射的子弹' },
  enemy_ai: { en: 'enemies that move on their own and chase you', zh: '会主动追着你跑的敌人' },
  powerups: { en: 'power-ups with a temporary effect', zh: '限时生效的道具' },
  grid_logic: { en: 'a board of cells with its own rules', zh: '有自己规则的格子棋盘' },
  pause_menu: { en: 'a pause key', zh: '暂停功能' },
};

/** A genre as an English noun phrase (without article) and a Chinese one. */
const GENRE_NOUNS: Record<string, Record<Lang, string>> = {
  platformer: { en: 'platformer', zh: '平台跳跃游戏' },
  top_down_shooter: { en: 'top-down shooter', zh: '俯视角射击游戏' },
  space_shooter: { en: 'space shooter', zh: '太空射击游戏' },
  breakout: { en: 'Breakout-style brick breaker', zh: '打砖块游戏' },
  snake: { en: 'Snake game', zh: '贪吃蛇' },
  endless_runner: { en: 'endless runner', zh: '跑酷游戏' },
  flappy: { en: 'Flappy Bird-style game', zh: '像素鸟那样的游戏' },
  match3: { en: 'match-3 game', zh: '三消游戏' },
  tower_defense: { en: 'tower defense game', zh: '塔防游戏' },
  maze: { en: 'maze game', zh: '迷宫游戏' },
  racing: { en: 'racing game', zh: '赛车游戏' },
  puzzle: { en: 'puzzle game', zh: '解谜游戏' },
  clicker: { en: 'clicker game', zh: '点击类小游戏' },
  sports: { en: 'sports game', zh: '体育小游戏' },
  rhythm: { en: 'rhythm game', zh: '节奏游戏' },
  memory: { en: 'memory card game', zh: '翻牌记忆游戏' },
};

interface Slots {
  /** The genre noun with its article ("an endless runner"), or the Chinese genre noun. */
  game: string;
  /** The bare genre noun. */
  genre: string;
  /** Feature noun phrases. */
  features: string[];
  /** Features as a list ("A, B and C" / "A、B和C"). */
  list: string;
  theme: Theme;
}

type Template = (s: Slots) => string;

/**
 * Phrasing templates, deliberately unlike the seed generator's ("Make a … game where …"): each
 * takes noun phrases only, so every combination reads as a sentence a person would write.
 */
export const TEMPLATES: Record<Lang, Record<string, Template>> = {
  en: {
    spec: (s) => `Spec for a small browser game. Genre: ${s.genre}. Must have: ${s.features.join('; ')}. One file, nothing to download.`,
    nephew: (s) => `My nephew would love ${s.game}. Could you put one together that he can play in the browser, with ${s.list}?`,
    jam: (s) => `Game jam entry, theme "${s.theme.title}": ${s.game} set ${s.theme.place}, with ${s.list}.`,
    checklist: (s) => `Checklist for the game I need:\n- it's ${s.game}\n${s.features.map((x) => `- ${x}`).join('\n')}`,
    club: (s) => `I run an after-school coding club. Could you write ${s.game} we can take apart together? It needs ${s.list}.`,
    rebuild: (s) => `Our old ${s.genre} prototype got lost. Can you rebuild it from scratch? From memory, it had ${s.list}.`,
    question: (s) => `Is it possible to fit ${s.game} into a single web page, with ${s.list}? If so, please write it.`,
    terse: (s) => `${capitalise(s.game)}, please: ${s.features.join(', ')}. Single file, works offline.`,
    birthday: (s) => `For a friend's birthday I'd like to surprise them with ${s.game} set ${s.theme.place}. Please include ${s.list}.`,
    workshop: (s) => `I need a demo for a Phaser workshop: ${s.game} that shows off ${s.list}.`,
    criteria: (s) => `Acceptance criteria for the ${s.genre}: ${s.features.map((x, i) => `(${i + 1}) ${x}`).join(' ')}. Everything in one HTML file.`,
    deadline: (s) => `My manager wants a playable ${s.genre} prototype by Friday. All it needs is ${s.list}; everything else can wait.`,
  },
  zh: {
    spec: (s) => `需求说明：做一个浏览器小游戏。类型：${s.genre}。必须包含：${s.features.join('；')}。只要一个文件，不下载任何资源。`,
    nephew: (s) => `我侄子特别喜欢玩${s.genre}，能不能给他做一个在浏览器里就能玩的？最好有${s.list}。`,
    jam: (s) => `这次 game jam 的主题是「${s.theme.title}」。我想做一个发生在${s.theme.at ?? s.theme.place}的${s.game}，要有${s.list}。`,
    checklist: (s) => `游戏需求清单：\n- 类型：${s.game}\n${s.features.map((x) => `- ${x}`).join('\n')}`,
    club: (s) => `我在少儿编程班上课，想找一个${s.game}的例子带学生一起拆解，需要包含${s.list}。`,
    rebuild: (s) => `之前做的${s.game}原型弄丢了，能帮我从头重写一个吗？印象中有${s.list}。`,
    question: (s) => `能不能只用一个网页做出一个${s.game}？要有${s.list}。可以的话直接把代码给我。`,
    terse: (s) => `来个${s.game}：${s.features.join('，')}。单文件，离线能跑。`,
    birthday: (s) => `想给朋友准备个生日惊喜：一个以${s.theme.place}为背景的${s.game}，里面要有${s.list}。`,
    workshop: (s) => `下周要讲 Phaser 入门，需要一个演示用的${s.game}，重点展示${s.list}。`,
    criteria: (s) => `验收标准（${s.game}）：${s.features.map((x, i) => `${i + 1}. ${x}`).join('；')}。所有内容放在一个 HTML 文件里。`,
    deadline: (s) => `老板让我周五前交一个能玩的${s.game}小样，功能上只要${s.list}，其他的先不用管。`,
  },
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function joinList(items: string[], lang: Lang): string {
  if (items.length <= 1) return items[0] ?? '';
  const head = items.slice(0, -1).join(lang === 'zh' ? '、' : ', ');
  const last = items[items.length - 1];
  // "A、B和C", or "A、B，还有C" when an item has its own 和 (no "A和B和C").
  if (lang === 'zh') return items.some((item) => item.includes('和')) ? `${head}，还有${last}` : `${head}和${last}`;
  return `${head} and ${last}`;
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** A mechanic as a noun phrase for OOD prompts. */
export function featureNoun(mechanic: string, lang: Lang): string {
  return FEATURE_NOUNS[mechanic]?.[lang] ?? mechanicFeature(mechanic, lang);
}

/** A genre's name in a language, from the seed taxonomy's keywords. */
export function genreName(genre: string, lang: Lang): string {
  const noun = GENRE_NOUNS[genre]?.[lang];
  if (noun) return noun;
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

/** Write one OOD prompt for a genre and its mechanics; `variant` picks the template and the theme. */
export function writeOodPrompt(genre: string, mechanics: string[], lang: Lang, variant: number, ood_kind: OodKind): OodPromptDraft {
  const names = Object.keys(TEMPLATES[lang]);
  const template = names[variant % names.length];
  const theme = THEMES[lang][Math.floor(variant / names.length + variant) % THEMES[lang].length];
  const features = mechanics.map((m) => featureNoun(m, lang));
  const noun = genreName(genre, lang);
  const slots: Slots = { game: lang === 'en' ? withArticle(noun) : noun, genre: noun, features, list: joinList(features, lang), theme };
  return { prompt: TEMPLATES[lang][template](slots), lang, genre, mechanics, ood_kind, template };
}

/**
 * The mechanic pairs held out of training by design: pairs of two non-core ("fits") mechanics of
 * a trained genre, picked by hash of `randomSeed`, so the choice depends on the taxonomy and the
 * config, never on which seeds happen to exist. The dataset stage leaves out every seed that
 * carries one (`carriesHeldOutPair`), so the pairs stay unseen at any seed count.
 */
export function heldOutMechanicPairs(options: { count: number; randomSeed: number; oodGenres: readonly string[] }): string[] {
  if (options.count <= 0) return [];
  const excluded = new Set(options.oodGenres);
  const trainedGenres = GENRE_IDS.filter((g) => !excluded.has(g));
  // Candidates: pairs of two "fits" mechanics that only one trained genre can carry at all (the
  // others lack one of the two), so holding a pair out costs that genre a few seeds, no more.
  const carriers = new Map<string, number>();
  for (const genre of trainedGenres) {
    const info = genreInfo(genre);
    for (const pair of mechanicPairs([...(info?.core ?? []), ...(info?.fits ?? [])].filter(hasMechanicText))) carriers.set(pair, (carriers.get(pair) ?? 0) + 1);
  }
  const candidates = new Set<string>();
  for (const genre of trainedGenres) {
    const fits = (genreInfo(genre)?.fits ?? []).filter(hasMechanicText);
    for (const pair of mechanicPairs(fits)) if (carriers.get(pair) === 1) candidates.add(pair);
  }
  // In hashed order, each mechanic in at most one pair while that is possible: varied pairs.
  const ranked = shuffled([...candidates].sort(), options.randomSeed, (pair) => `held-out-pair:${pair}`);
  const picked: string[] = [];
  const used = new Set<string>();
  for (const pair of ranked) {
    if (picked.length >= options.count) break;
    if (pair.split('+').some((m) => used.has(m))) continue;
    picked.push(pair);
    for (const m of pair.split('+')) used.add(m);
  }
  for (const pair of ranked) if (picked.length < options.count && !picked.includes(pair)) picked.push(pair);
  return picked.sort();
}

/** Whether a seed's mechanics include both mechanics of one of the held-out pairs. */
export function carriesHeldOutPair(mechanics: readonly string[], heldOutPairs: readonly string[]): boolean {
  if (!heldOutPairs.length) return false;
  const pairs = new Set(mechanicPairs([...mechanics]));
  return heldOutPairs.some((pair) => pairs.has(pair));
}

/**
 * Draft OOD prompts, the two kinds interleaved (so that any prefix holds both): held-out genres
 * (with mechanics from their taxonomy entry), and mechanic pairs no trained seed combines on
 * trained genres (the designed held-out pairs first, then pairs missing by chance). Languages
 * alternate; each language walks its own templates. More drafts than needed are fine: the
 * caller decontaminates and takes what it needs.
 */
export function draftOodPrompts(options: {
  oodGenres: string[];
  trainedGenres: string[];
  trainedCombos: Set<string>;
  count: number;
  randomSeed: number;
  /** Pairs held out of training by design (`heldOutMechanicPairs`). */
  heldOutPairs?: string[];
}): OodPromptDraft[] {
  const perLang: Record<Lang, number> = { en: 0, zh: 0 };
  const perKind: Record<OodKind, number> = { held_out_genre: 0, unseen_mechanic_combo: 0 };
  const write = (genre: string, mechanics: string[], kind: OodKind): OodPromptDraft => {
    // Languages alternate within each kind, so both kinds come in both languages.
    const lang: Lang = (perKind[kind]++ + (kind === 'held_out_genre' ? 0 : 1)) % 2 === 0 ? 'en' : 'zh';
    return writeOodPrompt(genre, mechanics, lang, perLang[lang]++, kind);
  };
  const wanted = Math.max(options.count * 2, 8);
  const genreDrafts: [string, string[]][] = [];
  const rounds = options.oodGenres.length ? Math.ceil(wanted / options.oodGenres.length) : 0;
  for (let round = 0; round < rounds; round++) {
    for (const genre of options.oodGenres) {
      const info = genreInfo(genre);
      const pool = shuffled([...new Set([...(info?.core ?? []), ...(info?.fits ?? [])])].filter(hasMechanicText), options.randomSeed + round, (m) => `${genre}:${m}`);
      genreDrafts.push([genre, pool.slice(0, 2 + (round % 3)).sort()]);
    }
  }
  const designed = new Set(options.heldOutPairs ?? []);
  const byDesign: { genre: string; pair: string[] }[] = [];
  for (const genre of options.trainedGenres) {
    const info = genreInfo(genre);
    const pool = new Set([...(info?.core ?? []), ...(info?.fits ?? [])]);
    for (const pair of designed) {
      const [a, b] = pair.split('+');
      if (pool.has(a) && pool.has(b) && !options.trainedCombos.has(pair)) byDesign.push({ genre, pair: [a, b] });
    }
  }
  const byChance = options.trainedGenres.flatMap((genre) => unseenMechanicPairs(genre, options.trainedCombos).filter((pair) => !designed.has(pair.join('+'))).map((pair) => ({ genre, pair: [...pair] })));
  const key = (entry: { genre: string; pair: string[] }) => `${entry.genre}:${entry.pair.join('+')}`;
  const comboDrafts = [...shuffled(byDesign, options.randomSeed, key), ...shuffled(byChance, options.randomSeed, key)];
  // A few designed pairs give many prompts: cycle them across templates and languages.
  for (let i = 0; byDesign.length && comboDrafts.length < wanted; i++) comboDrafts.push(byDesign[i % byDesign.length]);
  const drafts: OodPromptDraft[] = [];
  for (let i = 0; i < Math.min(wanted, Math.max(genreDrafts.length, comboDrafts.length)); i++) {
    if (i < genreDrafts.length) drafts.push(write(genreDrafts[i][0], genreDrafts[i][1], 'held_out_genre'));
    if (i < comboDrafts.length) drafts.push(write(comboDrafts[i].genre, comboDrafts[i].pair, 'unseen_mechanic_combo'));
  }
  return drafts;
}
