// The evaluation stages: `eval build` (iid + ood prompts and a human-review set, decontaminated
// against the training set), `eval score` (a model's generations parsed and validated by the
// pipeline's own parser and validator), and `eval human import` (reviewers' scores read back;
// the page they fill in is src/review/).
import { existsSync, readdirSync } from 'node:fs';
import { SPLITS, type Workspace } from '../core/index.js';
import { defineStage, shownPath, type StageContext } from '../core/stage.js';
import type { EvalBuildResult } from './buildEvalSet.js';
import type { HumanAgreement } from './humanAgreement.js';
import type { HumanImportResult } from './humanScores.js';
import { formatScoreTable, type ModelScore } from './scoreReport.js';

const splits = (ctx: StageContext) => SPLITS.map((s) => ctx.workspace.splitFile(s));

/** The models with generations here (`data/eval/generations_<model>.jsonl`), by name. */
export function generatedModels(workspace: Workspace): string[] {
  const dir = workspace.evalDir;
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((f) => /^generations_(.+)\.jsonl$/.exec(f)?.[1] ?? []);
}

export const evalBuildStage = defineStage<Record<never, never>, EvalBuildResult>({
  name: 'eval-build',
  command: 'eval build',
  inputs: (ctx) => [ctx.workspace.seedsFile, ...splits(ctx), ctx.workspace.datasetManifestFile],
  outputs: (ctx) => [ctx.workspace.evalPromptsFile, ctx.workspace.humanPromptsFile],
  settings: (ctx) => ({ eval: { ...ctx.config.eval, infer: undefined } }),
  flags: [],
  reportFile: (ctx) => ctx.workspace.evalBuildReportFile,
  async run(context) {
    const { buildEvalSet } = await import('./buildEvalSet.js');
    return buildEvalSet(context.workspace, context.config);
  },
  summary: (result) => {
    const removed = Object.entries(result.removed).map(([reason, n]) => `${reason} ${n}`).join(', ') || 'none';
    return `eval prompts: ${result.iid} iid + ${result.ood} ood (${Object.entries(result.ood_kinds).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}) → ${result.files.prompts}\nhuman review: ${result.human} → ${result.files.human}\nremoved: ${removed}`;
  },
});

export interface EvalScoreStageOptions {
  /** Model names as given to `infer`; several: side by side. */
  model: string[];
  /** e.g. `L1,L2,L3` (default: config validate.levels). */
  levels?: string;
  workers?: number;
  /** Run the judges of config select.judge on the passing generations (same cache as `select --judge`). */
  judge?: boolean;
}

export const evalScoreStage = defineStage<EvalScoreStageOptions, ModelScore[]>({
  name: 'eval-score',
  command: 'eval score',
  inputs: (ctx) => [ctx.workspace.evalPromptsFile, ...generatedModels(ctx.workspace).map((model) => ctx.workspace.generationsFile(model))],
  outputs: (ctx) => generatedModels(ctx.workspace).map((model) => ctx.workspace.evalReportFile(model)),
  settings: (ctx) => ({ validate: { ...ctx.config.validate, workers: undefined }, phaser: ctx.config.phaser, judge: ctx.config.select.judge, min_fidelity: ctx.config.select.min_fidelity }),
  flags: ['model', 'levels', 'judge'],
  reportFile: () => undefined,
  async run(context, options) {
    const { scoreModels } = await import('./score.js');
    return scoreModels(context.workspace, context.config, options.model, { levels: options.levels, workers: options.workers, judge: Boolean(options.judge), quiet: context.quiet });
  },
  summary: (scores, context) => `${formatScoreTable(scores)}\n\nreports: ${scores.map((s) => context.workspace.evalReportFile(s.model)).join(', ')}`,
});

export interface EvalHumanImportStageOptions {
  /** The JSONL file the review page saved. */
  file: string;
}

export interface EvalHumanImportResult extends HumanImportResult {
  agreement: (HumanAgreement | null)[];
}

/** `eval human import FILE`: reviewers' scores, checked line by line, stored per model, compared with the machine's verdicts. */
export const evalHumanImportStage = defineStage<EvalHumanImportStageOptions, EvalHumanImportResult>({
  name: 'eval-human-import',
  command: 'eval human import',
  inputs: (ctx) => [ctx.workspace.humanPromptsFile],
  outputs: () => [],
  settings: () => ({}),
  flags: ['file'],
  reportFile: () => undefined,
  async run(context, options) {
    const { importHumanScores } = await import('./humanScores.js');
    const { humanAgreementOf } = await import('./humanAgreement.js');
    const imported = await importHumanScores(context.workspace, options.file);
    const agreement = await Promise.all(imported.models.map((m) => humanAgreementOf(context.workspace, m.model, context.config.select.min_fidelity)));
    return { ...imported, agreement };
  },
  summary: (result) =>
    [
      `${result.lines} line(s) read from ${shownPath(result.file)}`,
      ...result.models.map((m, i) => {
        const a = result.agreement[i];
        const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(100 * x).toFixed(1)}%`);
        const num = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(2));
        const stats = a ? `; ${a.reviewed} prompt(s) reviewed by ${a.reviewers.length}: human pass ${pct(a.human_pass_rate)}, gate (validator + fidelity ≥ ${a.fidelity_threshold}) ${pct(a.machine_pass_rate)}, agreement ${pct(a.agreement)}, kappa ${num(a.kappa)}, Spearman(human, fidelity) ${num(a.spearman_fidelity)}` : '';
        return `${m.model}: ${m.added} added, ${m.replaced} replaced, ${m.total} kept → ${shownPath(m.file)}${stats}`;
      }),
      'see them beside validation and fidelity: phaser-sft report (Evaluation), or eval score --model … again',
    ].join('\n'),
});
