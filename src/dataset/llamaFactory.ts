// LLaMA-Factory's view of our files: the `dataset_info.json` entries, and the rules its data
// parser (`data/parser.py`) and converters (`data/converter.py`, alpaca and sharegpt) apply to
// every record — checked before anything is written, so no record is dropped at training time.
import type { SftFormat, SplitName } from './sample.js';

export interface DatasetInfoEntry {
  file_name: string;
  /** LLaMA-Factory knows `alpaca` and `sharegpt`; both ShareGPT variants are `sharegpt` with their own columns and tags. */
  formatting: 'alpaca' | 'sharegpt';
  /** A preference (pairwise) dataset: `chosen` and `rejected` columns instead of one response. */
  ranking?: true;
  columns: Record<string, string>;
  tags?: Record<string, string>;
}

/** The entry LLaMA-Factory reads for one split file (names follow data/README.md there). */
export function datasetInfoEntry(fileName: string, format: SftFormat, withHistory: boolean): DatasetInfoEntry {
  if (format === 'alpaca') {
    const columns: Record<string, string> = { prompt: 'instruction', query: 'input', response: 'output', system: 'system' };
    if (withHistory) columns.history = 'history';
    return { file_name: fileName, formatting: 'alpaca', columns };
  }
  if (format === 'sharegpt-classic') {
    // The tags are LLaMA-Factory's defaults, written out so the entry says what it reads.
    return {
      file_name: fileName,
      formatting: 'sharegpt',
      columns: { messages: 'conversations', system: 'system' },
      tags: { role_tag: 'from', content_tag: 'value', user_tag: 'human', assistant_tag: 'gpt' },
    };
  }
  return {
    file_name: fileName,
    formatting: 'sharegpt',
    columns: { messages: 'messages' },
    tags: { role_tag: 'role', content_tag: 'content', user_tag: 'user', assistant_tag: 'assistant', system_tag: 'system' },
  };
}

/** `dataset_info.json` for the written splits: `<name>_train`, `<name>_val`, `<name>_test`. */
export function datasetInfo(name: string, splits: SplitName[], format: SftFormat, withHistory: boolean): Record<string, DatasetInfoEntry> {
  return Object.fromEntries(splits.map((split) => [`${name}_${split}`, datasetInfoEntry(`${split}.jsonl`, format, withHistory)]));
}

/**
 * The entry of a preference split (data/README.md there, "Preference Dataset"): the SFT entry of
 * the same format with `ranking: true`; alpaca's `response` column becomes `chosen`/`rejected`
 * (strings), ShareGPT adds `chosen`/`rejected` columns (one assistant message each).
 */
export function preferenceInfoEntry(fileName: string, format: SftFormat): DatasetInfoEntry {
  const sft = datasetInfoEntry(fileName, format, false);
  const { response: _, ...columns } = sft.columns;
  return { file_name: fileName, formatting: sft.formatting, ranking: true, columns: { ...columns, chosen: 'chosen', rejected: 'rejected' }, ...(sft.tags ? { tags: sft.tags } : {}) };
}

/** `<name>_pref_train`, `<name>_pref_val`, `<name>_pref_test` for the written preference splits. */
export function preferenceInfo(name: string, splits: SplitName[], format: SftFormat): Record<string, DatasetInfoEntry> {
  return Object.fromEntries(splits.map((split) => [`${name}_pref_${split}`, preferenceInfoEntry(`preference_${split}.jsonl`, format)]));
}

/**
 * Why LLaMA-Factory would drop or mis-read this preference record, or undefined: each of its two
 * answers, put in the response's place, must make a valid SFT record of the same format (the
 * pairwise converter aligns the prompt as the SFT one does, then appends chosen and rejected).
 */
export function preferenceProblem(record: Record<string, unknown>, format: SftFormat): string | undefined {
  const entry = datasetInfoEntry('check', format, false);
  for (const side of ['chosen', 'rejected'] as const) {
    const answer = record[side];
    let asSft: Record<string, unknown>;
    if (format === 'alpaca') {
      if (typeof answer !== 'string') return `\`${side}\` must be a string`;
      asSft = { ...record, output: answer };
    } else {
      if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return `\`${side}\` must be one message object`;
      const column = entry.columns.messages;
      const prompt = record[column];
      if (!Array.isArray(prompt)) return `\`${column}\` must be a list`;
      asSft = { ...record, [column]: [...prompt, answer] };
    }
    const problem = llamaFactoryProblem(asSft, entry);
    if (problem) return `${side}: ${problem}`;
  }
  return undefined;
}

const isText = (value: unknown): value is string => typeof value === 'string';
const hasText = (value: unknown): value is string => isText(value) && value.trim().length > 0;

/**
 * Why LLaMA-Factory would drop or mis-read this record under `entry`, or undefined when it
 * becomes exactly one supervised example (odd prompt messages, one response, as its
 * supervised processor demands). Empty prompts or answers are refused too: they load, but
 * teach nothing.
 */
export function llamaFactoryProblem(record: Record<string, unknown>, entry: DatasetInfoEntry): string | undefined {
  if (entry.formatting === 'alpaca') {
    const { prompt, query, response, system, history } = entry.columns;
    if (!hasText(record[prompt])) return `\`${prompt}\` must be a non-empty string`;
    if (query && !isText(record[query])) return `\`${query}\` must be a string`;
    if (!hasText(record[response])) return `\`${response}\` must be a non-empty string (a missing response makes the example unsupervised)`;
    if (system && !isText(record[system])) return `\`${system}\` must be a string`;
    if (history) {
      const turns = record[history];
      if (!Array.isArray(turns)) return `\`${history}\` must be a list`;
      for (const [i, pair] of turns.entries()) {
        if (!Array.isArray(pair) || pair.length !== 2 || !hasText(pair[0]) || !hasText(pair[1])) return `\`${history}\`[${i}] must be [prompt, response] strings`;
      }
    }
    return undefined;
  }
  // LLaMA-Factory's DatasetAttr defaults for a tag or column the entry leaves out.
  const tags = { role_tag: 'from', content_tag: 'value', user_tag: 'human', assistant_tag: 'gpt', system_tag: 'system', ...entry.tags };
  const roleTag = tags.role_tag;
  const contentTag = tags.content_tag;
  const messagesColumn = entry.columns.messages ?? 'conversations';
  if (entry.columns.system && !isText(record[entry.columns.system])) return `\`${entry.columns.system}\` must be a string`;
  const messages = record[messagesColumn];
  if (!Array.isArray(messages) || !messages.length) return `\`${messagesColumn}\` must be a non-empty list`;
  let turns = messages as Record<string, unknown>[];
  for (const [i, message] of turns.entries()) {
    if (typeof message !== 'object' || message === null) return `\`${messagesColumn}\`[${i}] must be an object`;
    if (!hasText(message[contentTag])) return `\`${messagesColumn}\`[${i}].${contentTag} must be a non-empty string`;
  }
  if (tags.system_tag && turns[0][roleTag] === tags.system_tag) turns = turns.slice(1);
  // Odd positions (1st, 3rd, …) are the user, even ones the assistant; an even count ends on the assistant.
  for (const [i, message] of turns.entries()) {
    const expected = i % 2 === 0 ? tags.user_tag : tags.assistant_tag;
    if (message[roleTag] !== expected) return `message ${i + 1} after the system prompt has ${roleTag} "${String(message[roleTag])}", expected "${expected}"`;
  }
  if (turns.length === 0 || turns.length % 2 !== 0) return `${turns.length} messages after the system prompt; LLaMA-Factory needs user/assistant pairs`;
  return undefined;
}
