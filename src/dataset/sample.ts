// One SFT sample in a neutral form (system + alternating turns), and its two LLaMA-Factory
// encodings. Distilled answers, official records and the raw baseline all pass through here.
import type { Difficulty, Lang } from '../schemas/index.js';

/** `sharegpt` is LLaMA-Factory's OpenAI-messages variant; `sharegpt-classic` the original `conversations` (from/value). */
export type SftFormat = 'alpaca' | 'sharegpt' | 'sharegpt-classic';
export const SFT_FORMATS: readonly SftFormat[] = ['alpaca', 'sharegpt', 'sharegpt-classic'];
export { SPLITS, type SplitName } from '../core/index.js';

export interface Turn {
  user: string;
  assistant: string;
}

/** A conversation: an optional system prompt and one or more user → assistant turns. */
export interface Conversation {
  system: string;
  turns: Turn[];
}

/** Where a sample came from and what it is about: used for splits, stratification and reports. */
export interface SampleMeta {
  /** `repair`: a (broken → fixed) pair as its own task (`dataset.repair_task`). */
  source: 'distilled' | 'official' | 'repair';
  /** Split group: the seed id (distilled) or a hash of the first prompt (official). */
  group: string;
  seed_id: string | null;
  candidate_id: string | null;
  genre: string;
  lang: Lang;
  difficulty: Difficulty | 'unknown';
  /** Stable id of the sample (sha of its content), the tie-breaker of every ordering. */
  id: string;
}

export interface Sample {
  conversation: Conversation;
  meta: SampleMeta;
}

/** The answer the student learns: the plan, then the whole game in one javascript fence. */
export function assistantOutput(plan: string, code: string): string {
  const trimmedPlan = plan.trim();
  const fence = '```javascript\n' + code.replace(/\s+$/, '') + '\n```';
  return trimmedPlan ? `[PLAN]\n${trimmedPlan}\n\n${fence}` : `[PLAN]\n\n${fence}`;
}

/** The one language rule (core/vocabulary.ts), for records without a language. */
export { detectLang } from '../core/index.js';

export interface AlpacaRecord {
  instruction: string;
  input: string;
  output: string;
  system: string;
  history?: [string, string][];
}

export interface SharegptRecord {
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
}

/** Alpaca: the last turn is instruction/output, earlier turns go to `history` (only when there are any). */
export function toAlpaca(conversation: Conversation, withHistory: boolean): AlpacaRecord {
  const last = conversation.turns[conversation.turns.length - 1];
  const record: AlpacaRecord = { instruction: last.user, input: '', output: last.assistant, system: conversation.system };
  if (withHistory) record.history = conversation.turns.slice(0, -1).map((turn) => [turn.user, turn.assistant]);
  return record;
}

/** OpenAI-style messages: a leading system message when there is a system prompt, then the turns. */
export function toSharegpt(conversation: Conversation): SharegptRecord {
  const messages: SharegptRecord['messages'] = [];
  if (conversation.system) messages.push({ role: 'system', content: conversation.system });
  for (const turn of conversation.turns) messages.push({ role: 'user', content: turn.user }, { role: 'assistant', content: turn.assistant });
  return { messages };
}

export interface SharegptClassicRecord {
  conversations: { from: 'human' | 'gpt'; value: string }[];
  system: string;
}

/** Classic ShareGPT: `conversations` of human/gpt turns (`from`/`value`), the system prompt in its own column. */
export function toSharegptClassic(conversation: Conversation): SharegptClassicRecord {
  const conversations: SharegptClassicRecord['conversations'] = [];
  for (const turn of conversation.turns) conversations.push({ from: 'human', value: turn.user }, { from: 'gpt', value: turn.assistant });
  return { conversations, system: conversation.system };
}

export function encode(conversation: Conversation, format: SftFormat, withHistory: boolean): AlpacaRecord | SharegptRecord | SharegptClassicRecord {
  if (format === 'alpaca') return toAlpaca(conversation, withHistory);
  return format === 'sharegpt' ? toSharegpt(conversation) : toSharegptClassic(conversation);
}

/** A preference pair in LLaMA-Factory's ranking layout for `format`: the prompt as its SFT record has it, minus the answer, and the two answers. */
export function encodePair(conversation: Conversation, chosen: string, rejected: string, format: SftFormat): Record<string, unknown> {
  const prompt = { system: conversation.system, turns: conversation.turns.slice(0, -1) };
  const last = conversation.turns[conversation.turns.length - 1];
  if (format === 'alpaca') {
    const { output: _, ...record } = toAlpaca({ ...prompt, turns: [...prompt.turns, { user: last.user, assistant: chosen }] }, false);
    return { ...record, chosen, rejected };
  }
  if (format === 'sharegpt') {
    const { messages } = toSharegpt({ ...prompt, turns: [...prompt.turns, { user: last.user, assistant: chosen }] });
    return { messages: messages.slice(0, -1), chosen: { role: 'assistant', content: chosen }, rejected: { role: 'assistant', content: rejected } };
  }
  const { conversations, system } = toSharegptClassic({ ...prompt, turns: [...prompt.turns, { user: last.user, assistant: chosen }] });
  return { conversations: conversations.slice(0, -1), chosen: { from: 'gpt', value: chosen }, rejected: { from: 'gpt', value: rejected }, system };
}

/** All text of a conversation, for token counts. */
export function conversationText(conversation: Conversation): string {
  return [conversation.system, ...conversation.turns.flatMap((t) => [t.user, t.assistant])].join('\n');
}
