// Typed record factories: one valid record of each contract type, with the fields a test
// cares about overridden. Each factory parses its result with the record's schema, so a test
// fixture can never drift from what the stages read.
import type { z } from 'zod';
import {
  checkpointSchema,
  rawOutputSchema,
  requestSchema,
  seedSchema,
  type Checkpoint,
  type RawOutput,
  type Seed,
  type TeacherRequest,
} from '../../src/schemas/index.js';
import { evalPromptRecordSchema, evalScoredRecordSchema, type EvalPromptRecord, type EvalScoredRecord } from '../../src/evaluation/index.js';

function build<S extends z.ZodType>(schema: S, base: z.input<S>, overrides: Partial<z.input<S>>): z.infer<S> {
  return schema.parse({ ...(base as object), ...(overrides as object) });
}

/** A `checkpoint_<teacher>.json` of a finished run, all requests answered. */
export function checkpointRecord(overrides: Partial<Checkpoint> = {}): Checkpoint {
  return build(
    checkpointSchema,
    { teacher: 'replay', model: 'replay', total: 0, done: 0, failed: 0, unanswered: 0, cost_usd: 0, batches: [], updated_at: '2026-01-01T00:00:00.000Z' },
    overrides,
  );
}

/** A seed of `seeds.jsonl`. */
export function seedRecord(overrides: Partial<Seed> = {}): Seed {
  return build(
    seedSchema,
    { id: 'seed-1', prompt: 'Make a breakout game with a paddle and bricks.', lang: 'en', genre: 'breakout', mechanics: [], difficulty: 'easy', source: 'user' },
    overrides,
  );
}

/** A line of `requests.jsonl`. */
export function requestRecord(overrides: Partial<TeacherRequest> = {}): TeacherRequest {
  return build(
    requestSchema,
    { request_id: 'r1', seed_id: 'seed-1', sample_index: 0, system: 'You write Phaser 3 games.', user: 'Make a breakout game.', api_refs: [], api_context_tokens: 0 },
    overrides,
  );
}

/** A line of `raw_outputs_<teacher>.jsonl`. */
export function rawOutputRecord(overrides: Partial<RawOutput> = {}): RawOutput {
  return build(
    rawOutputSchema,
    {
      request_id: 'r1',
      teacher: 'replay',
      model: 'replay',
      text: '',
      stop_reason: 'end_turn',
      usage: { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
      cost_usd: 0,
      latency_ms: 0,
      attempts: 1,
      created_at: '2026-01-01T00:00:00.000Z',
    },
    overrides,
  );
}

/** A line of `prompts_eval.jsonl` (and of `prompts_human.jsonl`, whose extra fields readers ignore). */
export function evalPromptRecord(overrides: Partial<EvalPromptRecord> = {}): EvalPromptRecord {
  return build(evalPromptRecordSchema, { id: 'ev_1', prompt: 'Make a snake game.', lang: 'en', genre: 'snake', split: 'iid', mechanics: [], difficulty: 'easy', source: 'seed', seed_id: null, ood_kind: null }, overrides);
}

/** A line of `data/eval/scored/validated_<model>.jsonl`: a prompt's answer and its verdict (passed, no L4, by default). */
export function evalScoredRecord(overrides: Partial<EvalScoredRecord> = {}): EvalScoredRecord {
  const pass = { passed: true, skipped: false, issues: [] };
  return build(
    evalScoredRecordSchema,
    {
      ...evalPromptRecord(),
      model: 'student',
      answered: true,
      plan: 'A small game.',
      code: "new Phaser.Game({ type: Phaser.AUTO, width: 320, height: 240, scene: { create() { this.add.text(8, 8, 'hi'); } } });",
      code_hash: 'h1',
      parse_errors: [],
      validator_version: 'v-test',
      phaser_version: '3',
      passed: true,
      levels: { L1: pass, L2: pass, L3: pass },
      runtime: null,
      fidelity: 0.8,
      fidelity_checks: [],
    },
    overrides,
  );
}
