// `run --rounds` against the mock provider, shared by its tests and bench/rounds.ts: a teacher
// that answers a set share of calls with broken code (deterministic per prompt and call), and a
// workspace of generated seeds with an API index, validated at L1–L3.
import { Workspace, stableHash, writeJsonAtomic } from '../../src/core/index.js';
import { DEFAULT_ANSWER } from './mockProvider.js';
import { runCli } from './cli.js';

/** An answer that fails L1 (a syntax error), in the answer format. */
export const BROKEN_ANSWER = DEFAULT_ANSWER.replace("this.add.rectangle(400, 300, 80, 16, 0xffffff); }", "this.add.rectangle(400, 300, 80, 16, 0xffffff; }");

/** Marks repair requests (src/requests/repair.ts writes it into the user message). */
const REPAIR_MARK = /failed the checks|没有通过检查/;

export interface FlakyTeacher {
  answer: (user: string) => string;
  /** Calls answered broken / all calls, so far. */
  broken: number;
  calls: number;
}

/**
 * A mock teacher whose n-th answer to a prompt is broken when hash(prompt, n) falls below
 * `failShare` (`repairFailShare` for repair requests: the mock cannot read code, so how well a
 * real teacher repairs is a setting here, not a measurement).
 */
export function flakyTeacher(failShare: number, repairFailShare = failShare): FlakyTeacher {
  const seen = new Map<string, number>();
  const self: FlakyTeacher = {
    broken: 0,
    calls: 0,
    answer: (user) => {
      const n = (seen.get(user) ?? 0) + 1;
      seen.set(user, n);
      const draw = parseInt(stableHash({ user, n }, 8), 16) / 0xffffffff;
      const share = REPAIR_MARK.test(user) ? repairFailShare : failShare;
      self.calls++;
      if (draw >= share) return DEFAULT_ANSWER;
      self.broken++;
      return BROKEN_ANSWER;
    },
  };
  return self;
}

/** A workspace at `dir` with `seeds` generated seeds (OOD genres among them) and an API index; config merged over the defaults. */
export async function roundsWorkspace(dir: string, seeds: number, requests: Record<string, unknown>): Promise<Workspace> {
  const workspace = new Workspace(dir);
  writeJsonAtomic(workspace.configFile, {
    requests: { samples_per_seed: 1, ...requests },
    validate: { levels: ['L1', 'L2', 'L3'] },
    teacher: { retry_base_ms: 10, retry_max_ms: 100 },
  });
  for (const args of [['seeds', 'build', '--no-curated', '--count', String(seeds), '--seed', '7'], ['api-index', 'build']]) {
    const result = await runCli(['--workspace', dir, ...args]);
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  }
  return workspace;
}
