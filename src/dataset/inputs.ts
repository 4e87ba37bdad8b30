// What the dataset is made of: the student's system prompt and the selected answers as samples.
import { existsSync, readFileSync } from 'node:fs';
import { InputError, bundledPath, logger, promptForLine, readJsonl, stableHash, type Config, type PhaserLine, type Workspace } from '../core/index.js';
import { selectedSchema, type Selected, type Seed, type TeacherRequest } from '../schemas/index.js';
import { assistantOutput, detectLang, type Sample } from './sample.js';

/**
 * The student's system prompt: the workspace's `dataset.system_prompt_file`, else the bundled
 * one. It is short and carries no API context on purpose: the trained model gets no retrieval
 * at inference, so training with an API reference it will never see would teach it to lean on
 * missing context; the rules that shape the answer ([PLAN], one fence, no imports, no network)
 * stay so the model is conditioned on the same contract the validator checks.
 */
export function studentSystemPrompt(workspace: Workspace, config: Config, line: PhaserLine = config.phaser.version): string {
  const local = workspace.path(config.dataset.system_prompt_file);
  const file = existsSync(local) ? local : bundledPath('prompts', 'student_system_prompt.txt');
  const text = readFileSync(file, 'utf8').trim();
  if (!text) throw new InputError({ file }, 'the student system prompt is empty');
  if (text.includes('{API_CONTEXT}')) throw new InputError({ file }, 'the student system prompt must not hold {API_CONTEXT}: the student gets no API reference at inference');
  // Under phaser.version 4 the bundled 3.90 wording names Phaser 4.2 (same bytes under 3).
  return promptForLine(text, line);
}

/** Which answers count for which line (config `dataset.phaser_lines`); absent: all, one prompt. */
export interface LineFilter {
  /** The line used when neither the request nor the record names one. */
  configLine: PhaserLine;
  /** Lines kept; undefined keeps every answer under the config line's prompt. */
  lines?: PhaserLine[];
  /** The system prompt for a line. */
  systemFor: (line: PhaserLine) => string;
}

/** The line an answer was asked for: its request's, else its record's, else the config's. */
function askedLine(record: Selected, request: TeacherRequest | undefined, configLine: PhaserLine): PhaserLine {
  return request?.phaser_version ?? record.phaser_version ?? configLine;
}

/** Whether the answer passed on `line`: its `compat` entry, else its own verdict when that was for `line`. */
export function passedOnLine(record: Selected, line: PhaserLine, configLine: PhaserLine): boolean {
  const entry = record.compat?.[line];
  if (entry) return entry.result === 'pass';
  return record.passed && (record.phaser_version ?? configLine) === line;
}

/**
 * The selected answers as samples, in `selected.jsonl` order (best first). The instruction is
 * the request's user message (what the teacher was asked), falling back to the seed prompt; for a
 * repair request (`repair_of`), the seed prompt.
 */
export async function selectedSamples(
  workspace: Workspace,
  filter: LineFilter,
  seeds: Map<string, Seed>,
  requests: Map<string, TeacherRequest>,
): Promise<Sample[]> {
  const file = workspace.selectedFile();
  if (!existsSync(file)) throw new InputError({ file }, 'file not found (run `phaser-sft select` first)');
  const samples: Sample[] = [];
  let missingSeeds = 0;
  let otherLine = 0;
  for await (const { value: record, line } of readJsonl(file, { schema: selectedSchema })) {
    const seed = seeds.get(record.seed_id);
    const request = requests.get(record.request_id);
    const phaserLine = filter.lines ? askedLine(record, request, filter.configLine) : filter.configLine;
    // a v3-only answer to a v4 request is no v4 sample (nor a v3 one: v3 was not asked for)
    if (filter.lines && !(filter.lines.includes(phaserLine) && passedOnLine(record, phaserLine, filter.configLine))) {
      otherLine++;
      continue;
    }
    const system = filter.systemFor(phaserLine);
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
  if (otherLine) logger.info(`${otherLine} selected answers left out: asked for a Phaser line not in dataset.phaser_lines, or not passing on the line asked for`);
  if (missingSeeds) logger.warn(`${missingSeeds} selected answers have no seed in ${workspace.seedsFile}; their genre is "unknown"`);
  return samples;
}
