// The smaller prompt set for human review, each prompt with the rubric a reviewer fills in.
// The rubric asks only about what the request asked for: a few items every game is judged on,
// and one item per element fidelity checks (records.ts `requestOf` → `requestedElements`), so a
// plain "做个贪吃蛇" is never scored on a timer nobody asked for. Every item says what 0, 1 and 2
// look like, in the prompt's language.
import type { Lang } from '../schemas/index.js';
import { requestedElements } from '../validate/index.js';
import { mechanicAnchors, mechanicCheck, type Anchors } from './mechanicChecks.js';
import { requestOf, type EvalPromptRecord } from './records.js';

export interface RubricItem {
  id: string;
  question: string;
  /** What the game shows at 0, 1 and 2 (index = score), in the prompt's language. */
  anchors: Anchors;
  /** 0 = no, 1 = partly, 2 = yes. */
  scale: '0-2';
}

export interface HumanPromptRecord extends EvalPromptRecord {
  rubric: RubricItem[];
  /** Filled in by the reviewer: rubric id → 0..2. */
  scores: Record<string, number> | null;
  reviewer: string | null;
  notes: string;
}

type General = [id: string, question: string, anchors: Anchors];

/** Items every game is judged on, whatever was asked. */
const GENERAL: Record<Lang, General[]> = {
  en: [
    ['runs', 'The game loads and runs', ['Blank page, an error, or nothing happens', 'It starts, but freezes, breaks or shows errors during play', 'It loads and a whole round can be played without errors']],
    ['matches_request', 'It is the game the request asks for (genre, setting, rules)', ['A different game from the one asked for', 'The right kind of game, but a main rule or the setting asked for is missing or wrong', 'Genre, setting and rules are as asked']],
    ['polish', 'It looks intentional: readable text, sensible layout, no glitches', ['Hard to make out: overlapping text, things off screen, flicker', 'Playable but rough: crude layout, small visual glitches', 'Looks intended: readable text, a tidy layout, no visual glitches']],
  ],
  zh: [
    ['runs', '游戏能正常打开并运行', ['白屏、报错，或者打开后什么都不动', '能打开，但玩着玩着卡住、崩掉或出现报错', '顺利打开，能完整玩一局，没有报错']],
    ['matches_request', '做出来的就是请求里要的游戏（类型、设定、规则）', ['做的根本不是要求的那种游戏', '游戏类型对，但要求的主要规则或设定缺了、做错了', '类型、设定、规则都和要求一致']],
    ['polish', '画面看得出用心：文字清楚、布局合理、没有明显错误', ['看不清或很乱：文字叠在一起、东西跑到屏幕外、画面闪烁', '能玩但粗糙：布局随意，有小的显示问题', '看得出是认真做的：文字清楚，布局整齐，没有显示问题']],
  ],
};

/** Asked when the request names no control: a game is still played with some input. */
const CONTROLS: Record<Lang, General> = {
  en: ['controls', 'The game responds to the player', ['No input does anything', 'Input works, but late, only partly, or awkwardly', 'It responds at once, the way one would expect']],
  zh: ['controls', '游戏对玩家的操作有反应', ['怎么操作都没反应', '有反应，但慢、只有一部分有效，或者很别扭', '操作马上生效，和预想的一样']],
};
const CONTROL_ELEMENTS = new Set(['keyboard', 'pointer_click', 'pointer_drag']);

const item = ([id, question, anchors]: General): RubricItem => ({ id, question, anchors, scale: '0-2' });

/** The rubric of a prompt: the general items, plus one per element the request asks for. */
export function rubricFor(prompt: EvalPromptRecord): RubricItem[] {
  const elements = requestedElements(requestOf(prompt));
  const general = GENERAL[prompt.lang].map(item);
  if (!elements.some((e) => CONTROL_ELEMENTS.has(e))) general.push(item(CONTROLS[prompt.lang]));
  const asked = elements.map((m) => item([`mechanic:${m}`, mechanicCheck(m, prompt.lang), mechanicAnchors(m, prompt.lang)]));
  return [...general, ...asked];
}

/** Take `count` prompts spread evenly over split × language (round robin), each with its rubric. */
export function humanSet(prompts: EvalPromptRecord[], count: number): HumanPromptRecord[] {
  const buckets = new Map<string, EvalPromptRecord[]>();
  for (const prompt of prompts) {
    const key = `${prompt.split}/${prompt.lang}`;
    buckets.set(key, [...(buckets.get(key) ?? []), prompt]);
  }
  const queues = [...buckets.keys()].sort().map((key) => buckets.get(key)!);
  const out: HumanPromptRecord[] = [];
  for (let i = 0; out.length < count && queues.some((q) => i < q.length); i++) {
    for (const queue of queues) if (i < queue.length && out.length < count) out.push({ ...queue[i], rubric: rubricFor(queue[i]), scores: null, reviewer: null, notes: '' });
  }
  return out;
}
