// Putting a drafted request into words. English and Chinese have their own sentence shapes,
// openers, personas and closing remarks, modelled on how the curated requests are written
// (assets/seeds/curated_seeds.jsonl): a bare genre name, a one-liner, "genre: a, b, c", a
// bulleted or numbered spec, a parent or a teacher explaining who it is for, "X but Y", a goal
// stated first. No stock sentence is attached to every request, and no engine version is named.
import type { Difficulty, Lang } from '../schemas/index.js';
import type { GenreGrammar, Part } from './grammar/index.js';
import type { Random } from './random.js';

/** What a request asks for, before it is worded: parts of one genre, features already in `lang`. */
export interface Draft {
  grammar: GenreGrammar;
  lang: Lang;
  difficulty: Difficulty;
  hero?: Part;
  setting?: Part;
  goal?: Part;
  twist?: Part;
  /** Feature phrases in `lang`, numbers filled in. */
  features: string[];
}

/** The request's text. */
export function phrase(draft: Draft, random: Random): string {
  const text = draft.lang === 'en' ? phraseEn(draft, random) : phraseZh(draft, random);
  return text.replace(/[ \t]+\n/g, '\n').replace(/ {2,}/g, ' ').trim();
}

type Shape = { weight: number; when?: (d: Draft) => boolean; make: (d: Draft, r: Random) => string };

function pickShape(shapes: readonly Shape[], draft: Draft, random: Random): Shape {
  const open = shapes.filter((s) => !s.when || s.when(draft));
  let roll = random.next() * open.reduce((sum, s) => sum + s.weight, 0);
  for (const shape of open) if ((roll -= shape.weight) < 0) return shape;
  return open[open.length - 1];
}

const chance = (random: Random, p: number) => random.next() < p;
const noFeatures = (d: Draft) => d.features.length === 0;
const someFeatures = (d: Draft) => d.features.length > 0;
const several = (d: Draft) => d.features.length >= 2;

// ---------------------------------------------------------------- English

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const art = (np: string) => (/^(?!one\b|uni|eu)[aeiou]/i.test(np) ? 'an ' : 'a ') + np;
const listEn = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const stripArticle = (s: string) => s.replace(/^(a|an|the)\s+/i, '');
/** A hero that can stand before a noun ("fox platformer"): short, no clause or parenthesis. */
const bareHero = (hero?: Part) => {
  if (!hero) return undefined;
  const bare = stripArticle(hero.en);
  return /[(,]|\b(that|who|of|with|in|on|from|and|where)\b/.test(bare) || bare.split(' ').length > 2 ? undefined : bare;
};
const PLACE = /^(on|in|inside|under|through|across|above|over|around|up|down|between|along)\b/;
const placeEn = (d: Draft) => (d.setting && PLACE.test(d.setting.en) ? d.setting.en : undefined);
const withSetting = (text: string, d: Draft) => (d.setting ? `${text} ${d.setting.en}` : text);

function nameEn(d: Draft, r: Random): string {
  return r.pick(d.grammar.names.en);
}

/** What the game is called when the sentence names it alone: the genre, or for a kind of game (minesweeper, pong) the kind. */
function gameEn(d: Draft, r: Random): string {
  return d.grammar.role === 'kind' && d.hero ? d.hero.en : nameEn(d, r);
}

/** The game asked for, as a noun phrase ("a platformer where a fox has to collect every gem on floating islands"). */
function subjectEn(d: Draft, r: Random): string {
  const name = nameEn(d, r);
  const { hero, goal } = d;
  const role = d.grammar.role;
  if (role === 'actor') {
    if (hero && goal) {
      return withSetting(
        r.pick([
          `${art(name)} where ${hero.en} has to ${goal.en}`,
          `${art(name)} about ${hero.en} trying to ${goal.en}`,
          `${art(name)} in which you play ${hero.en} and ${goal.en}`,
          `${art(name)} where you help ${hero.en} ${goal.en}`,
          `${art(name)} where ${hero.en} must ${goal.en}`,
        ]),
        d,
      );
    }
    if (hero) {
      const bare = bareHero(hero);
      return withSetting(r.pick([`${art(name)} starring ${hero.en}`, `${art(name)} with ${hero.en} as the hero`, ...(bare ? [art(`${bare} ${name}`)] : [])]), d);
    }
    if (goal) return withSetting(r.pick([`${art(name)} where you ${goal.en}`, `${art(name)} where the goal is to ${goal.en}`]), d);
    return withSetting(art(name), d);
  }
  let base: string;
  if (role === 'pieces') base = hero ? r.pick([`${art(name)} with ${hero.en}`, `${art(name)} featuring ${hero.en}`]) : art(name);
  else base = hero ? (chance(r, 0.3) && !/game|puzzle|\)$/.test(hero.en) ? `${hero.en} game` : hero.en) : art(name);
  base = withSetting(base, d);
  if (goal) base += r.pick([` where you ${goal.en}`, ` — the goal is to ${goal.en}`, `, goal: ${goal.en}`]);
  return base;
}

const OPENERS_EN: readonly { text: string; question?: true }[] = [
  { text: 'Make' }, { text: 'Build' }, { text: 'Create' }, { text: 'Write' }, { text: 'Code' }, { text: 'Program' },
  { text: 'I want' }, { text: "I'd like" }, { text: 'I need' }, { text: 'Help me make' }, { text: "Let's make" }, { text: 'Let me see' },
  { text: 'Please make' }, { text: 'Please build' }, { text: 'Make me' }, { text: 'Build me' }, { text: 'Put together' }, { text: 'Prototype' },
  { text: 'Give me' }, { text: 'Looking for' }, { text: 'Need' }, { text: 'Whip up' }, { text: 'Implement' }, { text: 'Design and code' },
  { text: 'Hoping for' }, { text: 'Knock together' }, { text: 'Develop' }, { text: 'Show me' }, { text: 'Throw together' }, { text: 'Mock up' },
  { text: 'Could you make', question: true }, { text: 'Can you build', question: true }, { text: 'Can you code', question: true },
  { text: 'Would you write', question: true }, { text: 'Can I get', question: true }, { text: 'Is it possible to make', question: true },
  { text: 'Any chance you could build', question: true }, { text: 'Could you put together', question: true }, { text: 'Can you make me', question: true },
  { text: 'Mind writing', question: true },
];

function featureSentenceEn(fs: readonly string[], r: Random): string {
  if (!fs.length) return '';
  const forms = [
    () => `${cap(listEn(fs))}.`,
    () => `${cap(fs.join(', '))}.`,
    () => `${cap(listEn(fs))}.`,
    () => `${cap(fs.join(', '))}.`,
    () => `${cap(fs.join('; '))}.`,
    () => `Needs ${fs.join(', ')}.`,
    () => `Wishlist: ${fs.join(', ')}.`,
    () => `Bonus points for ${listEn(fs)}.`,
    () => `Key parts: ${fs.join(', ')}.`,
    () => `Features: ${fs.join(', ')}.`,
    () => `Things I'd like: ${fs.join('; ')}.`,
    () => `On top of that: ${fs.join(', ')}.`,
    () => `Details: ${fs.join(', ')}.`,
    () => `Must have: ${fs.join(', ')}.`,
    () => `Also: ${listEn(fs)}.`,
    () => `What it needs: ${fs.join(', ')}.`,
    ...(fs.length >= 2 ? [() => `${cap(fs[0])}, plus ${listEn(fs.slice(1))}.`] : []),
    ...(fs.length >= 4 ? [() => `Core: ${fs.slice(0, 2).join(', ')}. Extras: ${fs.slice(2).join(', ')}.`] : []),
  ];
  return r.pick(forms)();
}

const CLOSERS_EN = [
  'Thanks!', 'thx', 'Keep it in one file if you can.', 'No external assets, draw everything with shapes.', 'Simple rectangles are fine for the art.',
  'Comment the tricky parts.', 'Make it feel juicy.', 'It should run in the browser without a build step.', 'Nothing scary please.',
  'Mobile friendly would be nice.', 'Readable code matters more than fancy graphics.', 'Keep the file short.',
];

function closerEn(d: Draft, r: Random): string {
  const p = d.difficulty === 'hard' ? 0.35 : d.difficulty === 'medium' ? 0.2 : 0.1;
  return chance(r, p) ? r.pick(CLOSERS_EN) : '';
}

const PERSONAS_EN: readonly ((subject: string) => string)[] = [
  (s) => `For my 8 year old: ${s}.`,
  (s) => `My kid asked for ${s}.`,
  (s) => `My daughter wants ${s}.`,
  (s) => `My son keeps asking for ${s}.`,
  (s) => `I teach a coding club and want ${s} to show them.`,
  (s) => `Teacher here, I need ${s} for my class.`,
  (s) => `Game jam entry, theme is "small world": ${s}.`,
  (s) => `48-hour jam, so keep it tight: ${s}.`,
  (s) => `Portfolio piece — ${s}.`,
  (s) => `I'm learning Phaser and want to build ${s}.`,
  (s) => `New to game dev, trying ${s}.`,
  (s) => `Birthday surprise for my niece: ${s}.`,
  (s) => `We need ${s} for a class demo on Friday.`,
  (s) => `Something to embed on our school website: ${s}.`,
  (s) => `Speedrunner friends want ${s}, tight controls matter.`,
  (s) => `For a workshop on game loops I need ${s}.`,
  (s) => `My grandpa would enjoy ${s}, keep it readable and slow.`,
  (s) => `Weekend project: ${s}.`,
  (s) => `Making a little arcade page for my site, first up is ${s}.`,
  (s) => `Our office party needs ${s}.`,
  (s) => `Club open day idea: ${s}.`,
  (s) => `${cap(s)}, for my little brother.`,
  (s) => `${cap(s)} — it's for a kids' coding camp.`,
  (s) => `${cap(s)}, as a gift for a friend who loves retro games.`,
];

const SPEC_HEADERS_EN = ['Needs:', 'Must have:', 'Features:', 'What I need:', 'Spec:', 'Details:', 'Checklist:', 'The list:', 'Rules:', ''];
const IDEA_LEADS_EN = ['Game idea:', 'Idea:', 'Concept:', 'Pitch:', "Here's the idea:", 'Rough idea:', 'Quick idea:', 'My idea:', 'Premise:', 'The plan:', 'Shower thought:', 'So:'];
const CASUAL_OPENERS_EN = ['yo can u make', 'can u do', 'pls code', 'i want', 'make me', 'need', 'hey, make', 'could u make', 'gimme'];
const TERSE_EN: readonly ((name: string, bare?: string) => string)[] = [
  (n) => n, (n) => `${n} pls`, (n) => `simple ${n}`, (n) => `make ${art(n)}`, (n) => `quick ${n}`, (n) => `${n}, nothing fancy`,
  (n) => `tiny ${n} please`, (n) => `a basic ${n}`, (n, b) => (b ? `${b} ${n}` : `${n} for beginners`), (n, b) => (b ? `make a ${b} ${n}` : `just ${art(n)}`),
];

const SHAPES_EN: readonly Shape[] = [
  {
    weight: 5,
    when: (d) => d.difficulty === 'easy' && noFeatures(d) && !d.goal && !d.twist,
    make: (d, r) => (d.grammar.role === 'kind' && d.hero ? r.pick(TERSE_EN)(d.hero.en) : r.pick(TERSE_EN)(nameEn(d, r), d.grammar.role === 'actor' ? bareHero(d.hero) : undefined)),
  },
  {
    weight: 6,
    make: (d, r) => {
      const opener = r.pick(OPENERS_EN);
      return [`${opener.text} ${subjectEn(d, r)}${opener.question ? '?' : '.'}`, featureSentenceEn(d.features, r), twistEn(d, r), closerEn(d, r)].join(' ');
    },
  },
  {
    weight: 4,
    when: someFeatures,
    make: (d, r) => [`${cap(subjectEn(d, r))}: ${d.features.join(', ')}.`, twistEn(d, r), closerEn(d, r)].join(' '),
  },
  {
    weight: 3,
    when: several,
    make: (d, r) => {
      const opener = r.pick(OPENERS_EN);
      const header = r.pick(SPEC_HEADERS_EN);
      const lines = d.features.map((f) => `- ${f}`);
      if (d.twist) lines.push(`- twist: ${d.twist.en}`);
      return [`${opener.text} ${subjectEn(d, r)}${opener.question ? '?' : '.'}`, header, ...lines, closerEn(d, r)].filter(Boolean).join('\n');
    },
  },
  {
    weight: 2,
    when: (d) => d.features.length >= 3,
    make: (d, r) => [`${cap(subjectEn(d, r))}.`, ...d.features.map((f, i) => `${i + 1}. ${cap(f)}`), ...(d.twist ? [`${d.features.length + 1}. ${cap(d.twist.en)}`] : []), closerEn(d, r)].filter(Boolean).join('\n'),
  },
  {
    weight: 3,
    make: (d, r) => [r.pick(PERSONAS_EN)(subjectEn(d, r)), featureSentenceEn(d.features, r), twistEn(d, r), closerEn(d, r)].join(' '),
  },
  {
    weight: 3,
    when: (d) => !!d.twist,
    make: (d, r) => [`${cap(chance(r, 0.5) ? subjectEn(d, r) : d.grammar.role === 'kind' && d.hero ? d.hero.en : art(nameEn(d, r)))}, but ${d.twist!.en}.`, featureSentenceEn(d.features, r), closerEn(d, r)].join(' '),
  },
  {
    weight: 3,
    when: (d) => d.grammar.role === 'actor' && !!d.hero && !!d.goal,
    make: (d, r) => [`${cap(d.goal!.en)}${d.setting ? ` ${d.setting.en}` : ''} as ${d.hero!.en} — basically ${art(nameEn(d, r))}.`, featureSentenceEn(d.features, r), twistEn(d, r), closerEn(d, r)].join(' '),
  },
  {
    weight: 2,
    when: (d) => d.grammar.role === 'actor' && !!d.hero && !!d.goal && !!placeEn(d),
    make: (d, r) => [`${cap(placeEn(d)!)}, ${d.hero!.en} has to ${d.goal!.en}. Make it ${art(nameEn(d, r))}.`, featureSentenceEn(d.features, r), twistEn(d, r), closerEn(d, r)].join(' '),
  },
  {
    weight: 2,
    make: (d, r) => [`${r.pick(IDEA_LEADS_EN)} ${subjectEn(d, r)}.`, featureSentenceEn(d.features, r), twistEn(d, r), closerEn(d, r)].join(' '),
  },
  {
    weight: 2,
    when: (d) => d.difficulty !== 'hard',
    make: (d, r) => [`${r.pick(CASUAL_OPENERS_EN)} ${subjectEn(d, r)}`, ...d.features, ...(d.twist ? [`and ${d.twist.en}`] : [])].join(', ').toLowerCase() + (chance(r, 0.3) ? ' thx' : ''),
  },
  {
    weight: 3,
    when: someFeatures,
    make: (d, r) => [`${withSetting(gameEn(d, r), d)}${d.goal ? ` where you ${d.goal.en}` : ''}, ${d.features.join(', ')}`, ...(d.twist ? [`and ${d.twist.en}`] : [])].join(', '),
  },
];

function twistEn(d: Draft, r: Random): string {
  if (!d.twist) return '';
  return r.pick([`Twist: ${d.twist.en}.`, `The catch: ${d.twist.en}.`, `One twist — ${d.twist.en}.`, `Also, ${d.twist.en}.`, `And ${d.twist.en}.`]);
}

function phraseEn(d: Draft, r: Random): string {
  return pickShape(SHAPES_EN, d, r).make(d, r);
}

// ---------------------------------------------------------------- Chinese

/** `在浮空岛上` for a place ("…上", "…里"); undefined for a style ("太空主题"). */
const placeZh = (d: Draft) => (d.setting && /[上里中边间底外口]$|^海底$|^外太空$/.test(d.setting.zh) ? `在${d.setting.zh}` : undefined);
/** `浮空岛上的` / `太空主题的`: the setting before a noun. */
const modZh = (d: Draft) => (d.setting ? `${d.setting.zh}的` : '');

function nameZh(d: Draft, r: Random): string {
  return r.pick(d.grammar.names.zh);
}

function gameZh(d: Draft, r: Random): string {
  return d.grammar.role === 'kind' && d.hero ? d.hero.zh : nameZh(d, r);
}

function subjectZh(d: Draft, r: Random): string {
  const name = nameZh(d, r);
  const { hero, goal } = d;
  const place = placeZh(d) ?? '';
  const role = d.grammar.role;
  if (role === 'actor') {
    if (hero && goal) {
      return r.pick([
        `${hero.zh}${place}${goal.zh}的${name}`,
        `${name}，主角是${hero.zh}，要${place}${goal.zh}`,
        `${modZh(d)}${name}：${hero.zh}要${goal.zh}`,
        `${modZh(d)}${name}，玩家扮演${hero.zh}，目标是${goal.zh}`,
        `${name}，操控${hero.zh}${place}${goal.zh}`,
      ]);
    }
    if (hero) return r.pick([`主角是${hero.zh}的${modZh(d)}${name}`, `${modZh(d)}${name}，主角是${hero.zh}`, `${hero.zh}${place}的${name}`]);
    if (goal) return r.pick([`${place}${goal.zh}的${name}`, `${modZh(d)}${name}，目标是${goal.zh}`]);
    return `${modZh(d)}${name}`;
  }
  let base: string;
  if (role === 'pieces') {
    base = hero
      ? r.pick([`${hero.zh}主题的${name}`, `${modZh(d)}${name}，用${hero.zh}`, ...(d.grammar.genre === 'match3' ? [`${modZh(d)}${hero.zh}${name}`] : [`${modZh(d)}${name}，里面是${hero.zh}`])])
      : `${modZh(d)}${name}`;
  } else {
    base = hero ? `${modZh(d)}${hero.zh}${!/[）)]$|游戏$/.test(hero.zh) && chance(r, 0.4) ? r.pick(['小游戏', '游戏']) : ''}` : `${modZh(d)}${name}`;
  }
  if (goal) base += r.pick([`，目标是${goal.zh}`, `，要${goal.zh}`, `，${goal.zh}就算赢`]);
  return base;
}

const SHORT_OPENERS_ZH = ['做个', '做一个', '写个', '写一个', '整个', '整一个', '来个', '来一个', '搞个', '搞一个', '弄个', '弄一个', '求个', '求一个', '要个', '想要个', '帮做个', '帮写个'];
const LONG_OPENERS_ZH = ['帮我做个', '帮我写一个', '我想做个', '麻烦做一个', '请实现一个', '帮忙写个', '给我来个', '想请你做', '需要一个', '想要一个', '能给我做个'];
const openerZh = (r: Random) => (chance(r, 0.7) ? r.pick(SHORT_OPENERS_ZH) : r.pick(LONG_OPENERS_ZH));
const QUESTIONS_ZH: readonly ((s: string) => string)[] = [
  (s) => `能不能做个${s}？`, (s) => `可以帮我写个${s}吗？`, (s) => `有没有可能做个${s}？`, (s) => `能帮忙实现一个${s}吗？`, (s) => `会写${s}吗？`,
  (s) => `能做个${s}吗？`, (s) => `写个${s}行吗？`, (s) => `${s}，能做吗？`, (s) => `${s}，这个能写吗？`, (s) => `做个${s}可以吗？`,
  (s) => `${s}，多久能做好？`, (s) => `求问能不能写个${s}？`,
];

function joinZh(fs: readonly string[], r: Random): string {
  return fs.join(r.pick(['，', '，', '，', '；']));
}

function featuresZh(fs: readonly string[], r: Random): string {
  if (!fs.length) return '';
  return r.pick(['', '', '', '', '', '', '另外', '还要', '最好', '功能上：', '具体来说，', '再加上', '细节：', '希望有', '顺便', '玩法上：', '要求：', '想要', '最好还能']) + joinZh(fs, r);
}

function twistZh(d: Draft, r: Random): string {
  if (!d.twist) return '';
  return r.pick([
    `特别之处是${d.twist.zh}`, `而且${d.twist.zh}`, `加个设定：${d.twist.zh}`, `有个变化：${d.twist.zh}`, `规则上${d.twist.zh}`, d.twist.zh, d.twist.zh,
    `不一样的地方：${d.twist.zh}`, `再加个机制，${d.twist.zh}`, `关键是${d.twist.zh}`, `另外${d.twist.zh}`, `还有一点，${d.twist.zh}`,
  ]);
}

const CLOSERS_ZH = [
  '谢谢！', '谢谢', '代码尽量写在一个文件里', '素材都用图形画，不用图片', '关键地方加点注释', '手感要好一点', '直接在浏览器里能跑',
  '不用太复杂', '拜托了', '辛苦了', '画面简洁点就行', '别太吓人', '手机上也要能玩',
];

function closerZh(d: Draft, r: Random): string {
  const p = d.difficulty === 'hard' ? 0.35 : d.difficulty === 'medium' ? 0.2 : 0.1;
  return chance(r, p) ? r.pick(CLOSERS_ZH) : '';
}

const PERSONAS_ZH: readonly ((s: string) => string)[] = [
  (s) => `给我家孩子做个${s}，别太难`,
  (s) => `上课演示要用，做一个${s}`,
  (s) => `参加game jam，想做个${s}`,
  (s) => `我在学Phaser，想写个${s}练手`,
  (s) => `给学生当例子：${s}`,
  (s) => `帮我妹妹做个${s}`,
  (s) => `公司团建活动要用的${s}`,
  (s) => `毕业设计想做个${s}`,
  (s) => `周末想和朋友一起玩，做个${s}`,
  (s) => `给爸妈玩的${s}，操作简单点`,
  (s) => `想在个人网站上放一个${s}`,
  (s) => `社团招新用的${s}`,
  (s) => `${s}，给我家小孩玩的`,
  (s) => `${s}，上课要用`,
  (s) => `${s}，是给学生做的示例`,
  (s) => `${s}，game jam用`,
  (s) => `${s}，练手项目`,
  (s) => `${s}，想送给朋友当生日礼物`,
  (s) => `${s}，老人也要能玩`,
  (s) => `${s}，放在博客里给读者玩`,
  (s) => `女儿想玩${s}`,
  (s) => `老师布置的作业：${s}`,
  (s) => `新手求助，想写个${s}`,
  (s) => `年会小游戏，${s}`,
];

const SPEC_HEADERS_ZH = ['功能：', '需要这些：', '具体：', '玩法：', '要有：', '细节如下：', '规则：', '几点要求：', '大概这样：', ''];
const TERSE_ZH: readonly ((n: string) => string)[] = [
  (n) => n, (n) => `来个${n}`, (n) => `做个${n}`, (n) => `${n}，简单点`, (n) => `求一个${n}`, (n) => `想玩${n}`,
  (n) => `${n} 能玩就行`, (n) => `整个${n}`, (n) => `简单的${n}就行`, (n) => `写个最基础的${n}`,
];

const end = (r: Random) => r.pick(['', '。']);
const sentences = (parts: readonly string[], r: Random) => {
  const text = parts.filter(Boolean).join('，');
  return /[。！？!?]$/.test(text) ? text : text + end(r);
};

const SHAPES_ZH: readonly Shape[] = [
  {
    weight: 5,
    when: (d) => d.difficulty === 'easy' && noFeatures(d) && !d.goal && !d.twist && !d.setting,
    make: (d, r) => (d.hero && d.grammar.genre === 'match3' ? `${d.hero.zh}${nameZh(d, r)}` : r.pick(TERSE_ZH)(gameZh(d, r))),
  },
  { weight: 7, make: (d, r) => sentences([`${openerZh(r)}${subjectZh(d, r)}`, featuresZh(d.features, r), twistZh(d, r), closerZh(d, r)], r) },
  { weight: 4, when: someFeatures, make: (d, r) => `${subjectZh(d, r)}：${joinZh(d.features, r)}${d.twist ? `，${twistZh(d, r)}` : ''}${end(r)}` },
  {
    weight: 3,
    when: several,
    make: (d, r) => {
      const lines = [...d.features, ...(d.twist ? [d.twist.zh] : [])];
      const sep = r.pick(['. ', '、', '）']);
      const header = r.pick(SPEC_HEADERS_ZH);
      return [`${openerZh(r)}${subjectZh(d, r)}${header ? `，${header}` : '：'}`, ...lines.map((f, i) => `${i + 1}${sep}${f}`), closerZh(d, r)].filter(Boolean).join('\n');
    },
  },
  { weight: 3, make: (d, r) => sentences([r.pick(PERSONAS_ZH)(subjectZh(d, r)), featuresZh(d.features, r), twistZh(d, r), closerZh(d, r)], r) },
  {
    weight: 3,
    when: (d) => !!d.twist,
    make: (d, r) => sentences([r.pick([`${subjectZh(d, r)}，但是${d.twist!.zh}`, `${gameZh(d, r)}变种：${d.twist!.zh}`, `${subjectZh(d, r)}，不过${d.twist!.zh}`]), featuresZh(d.features, r), closerZh(d, r)], r),
  },
  {
    weight: 3,
    when: (d) => d.grammar.role === 'actor' && !!d.hero && !!d.goal,
    make: (d, r) => sentences([`${d.hero!.zh}要${placeZh(d) ?? ''}${d.goal!.zh}`, r.pick([`做成${nameZh(d, r)}`, `类型是${nameZh(d, r)}`, `就是个${nameZh(d, r)}`]), featuresZh(d.features, r), twistZh(d, r), closerZh(d, r)], r),
  },
  {
    weight: 2,
    when: (d) => d.grammar.role === 'actor' && !!d.hero && !!d.goal && !!placeZh(d),
    make: (d, r) => sentences([`${placeZh(d)}，${d.hero!.zh}得${d.goal!.zh}`, `${nameZh(d, r)}玩法`, featuresZh(d.features, r), twistZh(d, r)], r),
  },
  { weight: 2, make: (d, r) => [r.pick(QUESTIONS_ZH)(subjectZh(d, r)), sentences([featuresZh(d.features, r), twistZh(d, r), closerZh(d, r)], r)].join('') },
  {
    weight: 2,
    when: (d) => d.difficulty === 'easy',
    make: (d, r) => [`${openerZh(r)}${subjectZh(d, r)}`, ...d.features, ...(d.twist ? [d.twist.zh] : []), ...(chance(r, 0.3) ? [r.pick(['谢谢', '简单点', '能玩就行', '急'])] : [])].join(' '),
  },
  { weight: 3, when: someFeatures, make: (d, r) => sentences([`${modZh(d)}${gameZh(d, r)}`, ...(d.goal ? [`${d.goal.zh}`] : []), joinZh(d.features, r), twistZh(d, r)], r) },
];

function phraseZh(d: Draft, r: Random): string {
  return pickShape(SHAPES_ZH, d, r).make(d, r);
}
