// Loading the records selection and the dataset join on: validated answers, seeds, requests.
import { existsSync } from 'node:fs';
import { InputError, logger, readJsonl, type Workspace } from '../core/index.js';
import { requestSchema, seedSchema, validatedSchema, type Seed, type TeacherRequest, type Validated } from '../schemas/index.js';

/** Seeds by id; empty (with a warning) when the seeds file is absent and not `required`. */
export async function loadSeeds(workspace: Workspace, options: { required?: boolean } = {}): Promise<Map<string, Seed>> {
  const seeds = new Map<string, Seed>();
  const file = workspace.seedsFile;
  if (!existsSync(file)) {
    if (options.required) throw new InputError({ file }, 'seeds file not found (run `phaser-sft seeds build` first)');
    logger.warn(`${file}: not found; genre, language and mechanics are unknown`);
    return seeds;
  }
  for await (const { value, line } of readJsonl(file, { schema: seedSchema })) {
    if (seeds.has(value.id)) throw new InputError({ file, line, field: 'id' }, `duplicate seed id "${value.id}"`);
    seeds.set(value.id, value);
  }
  return seeds;
}

/** Requests by request_id; empty (with a warning) when the requests file is absent and not `required`. */
export async function loadRequests(workspace: Workspace, options: { required?: boolean } = {}): Promise<Map<string, TeacherRequest>> {
  const requests = new Map<string, TeacherRequest>();
  const file = workspace.requestsFile;
  if (!existsSync(file)) {
    if (options.required) throw new InputError({ file }, 'requests file not found (run `phaser-sft requests` first)');
    logger.warn(`${file}: not found; the APIs each request needed are unknown`);
    return requests;
  }
  for await (const { value } of readJsonl(file, { schema: requestSchema })) requests.set(value.request_id, value);
  return requests;
}

/**
 * The validated records: `validated.jsonl`, or when only shard outputs exist (a sharded
 * `validate` not merged yet), every `validated.shard-i-of-n.jsonl`. A candidate seen twice
 * keeps its last verdict.
 */
export async function loadValidated(workspace: Workspace): Promise<Validated[]> {
  const merged = workspace.validatedFile();
  let files = [merged];
  if (!existsSync(merged)) {
    const shards = workspace.shardFiles('validated');
    if (!shards.length) throw new InputError({ file: merged }, 'file not found (run `phaser-sft validate` first)');
    files = shards.map((shard) => shard.file);
  }
  const byCandidate = new Map<string, Validated>();
  for (const file of files) {
    for await (const { value } of readJsonl(file, { schema: validatedSchema })) byCandidate.set(value.candidate_id, value);
  }
  return [...byCandidate.values()];
}
