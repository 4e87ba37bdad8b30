// The smaller prompt set for human review, each prompt with the rubric a reviewer fills in.
import type { Lang } from '../schemas/index.js';
import { mechanicCheck } from './mechanicChecks.js';
import type { EvalPromptRecord } from './records.js';

export interface RubricItem {
  id: string;
  question: string;
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

const GENERAL: Record<Lang, [string, string][]> = {
  en: [
    ['runs', 'The game loads and runs without errors or a blank screen'],
    ['matches_request', 'It is the game the request asks for (genre, setting, rules)'],
    ['controls', 'The controls respond and feel as described'],
    ['goal', 'There is a visible goal and a score or win/lose state'],
    ['polish', 'It looks intentional: readable text, sensible layout, no glitches'],
  ],
  zh: [
    ['runs', '游戏能加载运行，没有报错或白屏'],
    ['matches_request', '是请求里要的游戏（类型、设定、规则）'],
    ['controls', '操作有响应，手感与描述一致'],
    ['goal', '有明确目标，以及分数或胜负状态'],
    ['polish', '画面用心：文字清楚、布局合理、没有明显错误'],
  ],
};

/** The rubric of a prompt: general items plus one per requested mechanic. */
export function rubricFor(prompt: EvalPromptRecord): RubricItem[] {
  const general = GENERAL[prompt.lang].map(([id, question]) => ({ id, question, scale: '0-2' as const }));
  const mechanics = prompt.mechanics.map((m) => ({ id: `mechanic:${m}`, question: mechanicCheck(m, prompt.lang), scale: '0-2' as const }));
  return [...general, ...mechanics];
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
