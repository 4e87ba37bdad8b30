// What the dataset is made of: the student's system prompt and the selected answers as samples.
import { existsSync, readFileSync } from 'node:fs';
import { InputError, bundledPath, logger, promptForLine, readJsonl, stableHash, type Config, type Workspace } from '../core/index.js';
import { selectedSchema, type Seed, type TeacherRequest } from '../schemas/index.js';
import { assistantOutput, detectLang, type Sample } from './sample.js';

/**
 * The student's system prompt: the workspace's `dataset.system_prompt_file`, else the bundled
 * one. It is short and carries no API context on purpose: the trained model gets no retrieval
 * at inference, so training with an API reference it will never see would teach it to lean on
 * missing context; the rules that shape the answer ([PLAN], one fence, no imports, no network)
 * stay so the model is conditioned on the same contract the validator checks.
 */
export function studentSystemPrompt(workspace: Workspace, config: Config): string {
  const local = workspace.path(config.dataset.system_prompt_file);
  const file = existsSync(local) ? local : bundledPath('prompts', 'student_system_prompt.txt');
  const text = readFileSync(file, 'utf8').trim();
  if (!text) throw new InputError({ file }, 'the student system prompt is empty');
  if (text.includes('{API_CONTEXT}')) throw new InputError({ file }, 'the student system prompt must not hold {API_CONTEXT}: the student gets no API reference at inference');
  // Under phaser.version 4 the bundled 3.90 wording names Phaser 4.2 (same bytes under 3).
  return promptForLine(text, config.phaser.version);
}

/**
 * The selected answers as samples, in `selected.jsonl` order (best first). The instruction is
 * the request's user message (what the teacher was asked), falling back to the seed prompt; for a
 * repair request (`repair_of`), the seed prompt.
 */
export async function selectedSamples(
  workspace: Workspace,
  system: string,
  seeds: Map<string, Seed>,
  requests: Map<string, TeacherRequest>,
): Promise<Sample[]> {
  const file = workspace.selectedFile();
  if (!existsSync(file)) throw new InputError({ file }, 'file not found (run `phaser-sft select` first)');
  const samples: Sample[] = [];
  let missingSeeds = 0;
  for await (const { value: record, line } of readJsonl(file, { schema: selectedSchema })) {
    const seed = seeds.get(record.seed_id);
    const request = requests.get(record.request_id);
    // A repair request's user message quotes the broken code: the sample's instruction is the seed's prompt.
    const user = ((request?.repair_of ? seed?.prompt : undefined) ?? request?.user ?? seed?.prompt ?? '').trim();
    if (!user) throw new InputError({ file, line, field: 'request_id' }, `no request ${record.request_id} nor seed ${record.seed_id} to take the instruction from`);
    if (!seed) missingSeeds++;
    const conversation = { system, turns: [{ user, assistant: assistantOutput(record.plan, record.code) }] };
    samples.push({
      conversation,
      meta: {
        source: 'distilled',
        group: record.seed_id,
        seed_id: record.seed_id,
        candidate_id: record.candidate_id,
        genre: seed?.genre ?? 'unknown',
        lang: seed?.lang ?? detectLang(user),
        difficulty: seed?.difficulty ?? 'unknown',
        id: stableHash(conversation, 16),
      },
    });
  }
  if (missingSeeds) logger.warn(`${missingSeeds} selected answers have no seed in ${workspace.seedsFile}; their genre is "unknown"`);
  return samples;
}
