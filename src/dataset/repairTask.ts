// `dataset.repair_task`: the (broken → fixed) pairs of `repair_pairs.jsonl` (`requests.repair`)
// as SFT samples of their own task. The user turn is the repair request the teacher answered
// (the seed's prompt, the broken code, the validator's issues); the answer is the fixed game; the
// system prompt is the student's with one paragraph naming the task, so the student can tell a
// repair request from a fresh one. Each goes to the split of its seed in the SFT set.
import { existsSync } from 'node:fs';
import { readJsonl, stableHash, type PhaserLine, type Workspace } from '../core/index.js';
import { repairPairSchema, type Seed, type TeacherRequest, type Validated } from '../schemas/index.js';
import { assistantOutput, detectLang, type Sample, type SplitName } from './sample.js';

/** Appended to the student's system prompt for a repair sample. */
export const REPAIR_TASK_PROMPT =
  'Task: repair. The user message holds a game that failed the checks and what the checks found. Answer in the same format with the whole game again, every problem fixed.';

export interface RepairTaskInput {
  workspace: Workspace;
  validated: Validated[];
  seeds: Map<string, Seed>;
  requests: Map<string, TeacherRequest>;
  /** The split of each seed in the SFT set (a seed not in it gets no repair sample). */
  splitOfSeed: Map<string, SplitName>;
  /** The student's system prompt for a Phaser line; undefined when the line is not kept. */
  systemFor: (line: PhaserLine | undefined) => string | undefined;
}

export interface RepairTaskResult {
  samples: Record<SplitName, Sample[]>;
  /** Pairs read from repair_pairs.jsonl. */
  pairs: number;
  /** Pairs left out, by why. */
  skipped: Record<string, number>;
}

/** The repair samples, by the split of their seed. No file (no `requests.repair` run): none. */
export async function repairTaskSamples(input: RepairTaskInput): Promise<RepairTaskResult> {
  const samples: Record<SplitName, Sample[]> = { train: [], val: [], test: [] };
  const skipped: Record<string, number> = {};
  const skip = (why: string) => (skipped[why] = (skipped[why] ?? 0) + 1);
  const file = input.workspace.repairPairsFile;
  let pairs = 0;
  if (!existsSync(file)) return { samples, pairs, skipped };
  const byCandidate = new Map(input.validated.map((record) => [record.candidate_id, record]));
  for await (const { value: pair } of readJsonl(file, { schema: repairPairSchema })) {
    pairs++;
    const request = input.requests.get(pair.request_id);
    const fixed = byCandidate.get(pair.fixed.candidate_id);
    const split = input.splitOfSeed.get(pair.seed_id);
    if (!request?.repair_of) skip('request_gone');
    else if (!fixed?.passed || !fixed.code.trim()) skip('fixed_answer_gone');
    else if (!split) skip('seed_not_in_sft_set');
    else {
      const system = input.systemFor(request.phaser_version ?? fixed.phaser_version);
      if (system === undefined) {
        skip('other_phaser_line');
        continue;
      }
      const seed = input.seeds.get(pair.seed_id);
      const conversation = { system: `${system}\n\n${REPAIR_TASK_PROMPT}`, turns: [{ user: request.user.trim(), assistant: assistantOutput(fixed.plan, fixed.code) }] };
      samples[split].push({
        conversation,
        meta: {
          source: 'repair',
          group: pair.seed_id,
          seed_id: pair.seed_id,
          candidate_id: fixed.candidate_id,
          genre: seed?.genre ?? 'unknown',
          lang: seed?.lang ?? detectLang(request.user),
          difficulty: seed?.difficulty ?? 'unknown',
          id: stableHash(conversation, 16),
        },
      });
    }
  }
  return { samples, pairs, skipped };
}
