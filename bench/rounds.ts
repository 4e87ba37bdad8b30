// `run --rounds` against the loopback mock provider with a share of broken answers: yield,
// cost and teacher calls per round, with and without repair, against the naive "ask
// max_samples_per_seed per seed up front"; checks that no request is paid twice and no OOD seed is sent.
//
//   npx tsx bench/rounds.ts [--seeds 60] [--fail 0.4] [--repair-fail 0.4] [--rounds 3]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readJsonlSync } from '../src/core/index.js';
import type { RoundsReport } from '../src/pipeline/rounds.js';
import { seedSchema } from '../src/schemas/index.js';
import { runCli } from '../test/helpers/cli.js';
import { startMockProvider } from '../test/helpers/mockProvider.js';
import { flakyTeacher, roundsWorkspace } from '../test/helpers/rounds.js';

const KEY = 'sk-ant-bench-rounds-0000';
const { values } = parseArgs({ options: { seeds: { type: 'string', default: '60' }, fail: { type: 'string', default: '0.4' }, 'repair-fail': { type: 'string' }, rounds: { type: 'string', default: '3' } } });
const seeds = Number(values.seeds);
const fail = Number(values.fail);
const repairFail = values['repair-fail'] === undefined ? fail : Number(values['repair-fail']);
const rounds = Number(values.rounds);

interface Variant {
  name: string;
  requests: Record<string, unknown>;
  rounds: number;
}

const variants: Variant[] = [
  { name: 'resample', requests: { samples_per_seed: 1, max_samples_per_seed: 4 }, rounds },
  { name: 'repair', requests: { samples_per_seed: 1, max_samples_per_seed: 4, repair: true }, rounds },
  { name: 'naive 4 up front', requests: { samples_per_seed: 4, max_samples_per_seed: 4 }, rounds: 1 },
];

async function measure(variant: Variant) {
  const dir = mkdtempSync(join(tmpdir(), 'phaser-sft-bench-rounds-'));
  try {
    const workspace = await roundsWorkspace(dir, seeds, variant.requests);
    const teacher = flakyTeacher(fail, repairFail);
    const mock = await startMockProvider({ apiKey: KEY, answer: teacher.answer });
    try {
      const run = await runCli(['--workspace', dir, 'run', '--from', 'requests', '--to', 'validate', '--rounds', String(variant.rounds), '--teacher', 'claude', '--no-report', '--json'], {
        env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: mock.url },
        timeoutMs: 1_800_000,
      });
      if (run.code !== 0) throw new Error(`${variant.name}: exit ${run.code}\n${run.stderr}`);
      const report = JSON.parse(readFileSync(workspace.stageReportFile('rounds'), 'utf8')) as RoundsReport;
      const all = readJsonlSync(workspace.seedsFile, { schema: seedSchema }).map((r) => r.value);
      const ood = new Set(['rhythm', 'sports']);
      const oodPrompts = all.filter((s) => ood.has(s.genre)).map((s) => s.prompt);
      const oodSent = mock.received.filter((r) => oodPrompts.some((p) => r.user?.startsWith(p))).length;
      const raw = readFileSync(workspace.rawOutputsFile('claude'), 'utf8').trim().split('\n').length;
      return { variant, report, calls: mock.calls.messages, raw, oodSeeds: oodPrompts.length, oodSent, brokenShare: teacher.broken / teacher.calls };
    } finally {
      await mock.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`seeds asked ${seeds}, broken share ${fail} (repairs ${repairFail}), rounds ${rounds}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| variant | round | requests (repairs) | new passing seeds | yield | cost $ (cum.) | $ / passing seed | $ / passing sample | calls / passing seed |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const variant of variants) {
  const m = await measure(variant);
  for (const r of m.report.rounds) {
    console.log(`| ${variant.name} | ${r.round} | ${r.requests} (${r.repair_requests}) | ${r.new_passing_seeds} | ${r.yield.toFixed(3)} | ${r.cost_usd.toFixed(4)} (${r.cumulative_cost_usd.toFixed(4)}) | ${r.cost_per_passing_seed?.toFixed(5) ?? '-'} | ${r.cost_per_passing_sample?.toFixed(5) ?? '-'} | ${r.teacher_calls_per_passing_seed?.toFixed(2) ?? '-'} |`);
  }
  console.error(`${variant.name}: seeds ${m.report.counts.seeds}, provider calls ${m.calls}, raw outputs ${m.raw}, paid twice ${m.report.counts.paid_twice}, OOD seeds ${m.oodSeeds} held out, OOD prompts sent ${m.oodSent}, broken share drawn ${m.brokenShare.toFixed(3)}, repair pairs ${m.report.counts.repair_pairs}, stop: ${m.report.stop_reason}`);
}
