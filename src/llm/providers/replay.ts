// The offline teacher: answers recorded earlier, sent nowhere, costing nothing.
import { basename } from 'node:path';
import { z } from 'zod';
import { bundledPath, capAnswer, readJsonlSync, readJsonlValues } from '../../core/index.js';
import { rawOutputSchema, type TeacherRequest } from '../../schemas/index.js';
import { ClassifiedCallError } from '../errors.js';
import { EMPTY_USAGE } from '../pricing.js';
import type { ChatAnswer, ChatCaller } from './types.js';

/** The bundled demo answers (written for the project, some deliberately flawed and labelled so). */
export const DEMO_ANSWERS_FILE = bundledPath('assets', 'replay', 'demo_answers.jsonl');

/** One bundled answer, matched to a request by (seed_id, sample_index). */
export const demoAnswerSchema = z.object({
  seed_id: z.string().min(1),
  sample_index: z.number().int().nonnegative(),
  text: z.string(),
  label: z.string().regex(/^(good|flawed:.+)$/, 'expected "good" or "flawed:<what>"'),
});

/**
 * Where recorded answers come from: a raw-outputs file of an earlier run (lines with
 * `request_id`, matched by it) or a demo-answers file like the bundled one (lines with
 * `seed_id`, `sample_index`, `label`, matched by seed and sample). The format is detected.
 */
export interface ReplaySource {
  file: string;
}

/** Raw outputs have `request_id`; demo answers do not. */
function isRawOutputs(file: string): boolean {
  const first = readJsonlSync(file)[0]?.value as Record<string, unknown> | undefined;
  return Boolean(first && 'request_id' in first);
}

/** `replay:<file name>`: the model name of a replayed record says where it came from. */
export function replayModelName(source: ReplaySource): string {
  return `replay:${basename(source.file)}`;
}

const demoKey = (seedId: string, sampleIndex: number) => `${seedId}#${sampleIndex}`;

/**
 * A caller that looks the answer up instead of asking anyone. A request without a recorded
 * answer is a failure of that request (`rejected`), never an empty answer.
 */
export async function createReplayCaller(source: ReplaySource): Promise<ChatCaller<TeacherRequest>> {
  const answers = new Map<string, ChatAnswer>();
  const rawOutputs = isRawOutputs(source.file);
  if (rawOutputs) {
    for (const record of await readJsonlValues(source.file, { schema: rawOutputSchema.passthrough() })) {
      answers.set(record.request_id, {
        ...(record.answer_bytes === undefined ? capAnswer(record.text) : { text: record.text, answer_bytes: record.answer_bytes }),
        stop_reason: record.stop_reason,
        truncated: record.stop_reason === 'max_tokens' || record.stop_reason === 'length',
        usage: record.usage,
        ...(typeof record.label === 'string' ? { label: record.label } : {}),
      });
    }
  } else {
    for (const record of await readJsonlValues(source.file, { schema: demoAnswerSchema })) {
      // An answer recorded as cut off stands for one that hit the token limit, and says so.
      const truncated = record.label === 'flawed:truncated';
      answers.set(demoKey(record.seed_id, record.sample_index), { ...capAnswer(record.text), stop_reason: truncated ? 'max_tokens' : 'end_turn', truncated, usage: EMPTY_USAGE, label: record.label });
    }
  }
  return async (request) => {
    const answer = rawOutputs ? answers.get(request.request_id) : answers.get(demoKey(request.seed_id, request.sample_index));
    if (answer) return answer;
    const key = rawOutputs ? `request_id ${request.request_id}` : `seed ${request.seed_id} sample ${request.sample_index}`;
    throw new ClassifiedCallError({ kind: 'rejected', type: 'no_recorded_answer', message: `${basename(source.file)} has no recorded answer for ${key}` });
  };
}
