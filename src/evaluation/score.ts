// `eval score`: a model's generations through the same parser and validator as the teacher's
// answers, and the numbers that compare models (scoreReport.ts). Several models side by side.
import { existsSync } from 'node:fs';
import {
  writeJsonlStreaming,
  InputError,
  logger,
  readJsonlValues,
  safeName,
  sha256,
  writeJsonAtomic,
  type Config,
  type LevelName,
  type Workspace,
} from '../core/index.js';
import { extractAnswer } from '../parse/index.js';
import { measureFidelity, parseLevels, validateGames, type Fidelity } from '../validate/index.js';
import { blendedFidelity, judgeKey, judgeReport, judgeScreenshots, runJudges, type FidelityParts, type JudgeItem, type TextItem } from '../judge/index.js';
import { humanAgreementOf } from './humanAgreement.js';
import { evalPromptRecordSchema, requestOf } from './records.js';
import { formatScoreTable, scoreModel, type ModelScore, type ScoredGeneration } from './scoreReport.js';

export { formatScoreTable };

/** `data/eval/reports/<model>.json`, written by `eval score`: the model's scores and how they were measured. */
export interface ModelEvalReport extends ModelScore {
  created_at: string;
  settings: {
    /** The levels the generations were validated with. */
    levels: LevelName[];
    /** The validator's version (a change of rules changes it). */
    validator_version: string;
  };
  /** The validated generations the scores count. */
  validated_file: string;
}

export interface ScoreOptions {
  /** e.g. `L1,L2,L3`; default: config validate.levels. */
  levels?: string;
  workers?: number;
  quiet?: boolean;
  /** Run the judges of `select.judge` on the passing generations; their score enters `fidelity` by `select.judge.fidelity_weight`. */
  judge?: boolean;
}

interface Generation {
  id: string;
  text: string;
  stop_reason?: string | null;
  truncated?: boolean;
  /** Over the size cap: the answer's size (its text is only the head). */
  answer_bytes?: number;
  usage?: { output_tokens?: number };
}

/** Score one model: parse, validate (cached by code hash), write the scored records and the report. */
async function scoreOne(workspace: Workspace, config: Config, model: string, levels: LevelName[], workers: number, quiet: boolean, judge: boolean): Promise<ModelScore> {
  const file = workspace.generationsFile(model);
  if (!existsSync(file)) throw new InputError({ file }, `no generations for model "${model}": run \`phaser-sft infer --model ${model} --base-url …\` first`);
  const prompts = await readJsonlValues(workspace.evalPromptsFile, { schema: evalPromptRecordSchema });
  const generations = new Map<string, Generation>();
  for (const g of (await readJsonlValues(file)) as Generation[]) generations.set(g.id, g);

  const parsed = prompts.map((prompt) => {
    const generation = generations.get(prompt.id);
    const answer = generation ? extractAnswer(generation.text, generation.stop_reason ?? null, generation.answer_bytes) : undefined;
    const code = answer?.code ?? '';
    return { prompt, generation, answer, code, codeHash: code ? sha256(code) : '' };
  });
  const games = new Map<string, string>();
  for (const p of parsed) if (p.code) games.set(p.codeHash, p.code);
  const { verdicts, validatorVersion } = await validateGames(workspace, config, games, { levels, workers, quiet, label: `score ${model}` });

  // what was asked (records.ts requestOf): the rubric reviewers score asks about the same elements
  const asked = (p: (typeof parsed)[number]) => requestOf(p.prompt);
  const heuristic = parsed.map((p) => (p.code ? measureFidelity(asked(p), p.code, verdicts.get(p.codeHash)?.runtime?.probes, verdicts.get(p.codeHash)?.runtime?.responds_to_input) : undefined));

  // The judges (same settings and cache as `select --judge`) look only at passing games: a
  // failing one does not count as "does what was asked" whatever they say.
  const items: (JudgeItem | undefined)[] = parsed.map((p) => {
    const verdict = verdicts.get(p.codeHash);
    if (!p.code || !verdict?.passed) return undefined;
    return { code_hash: p.codeHash, request: asked(p), plan: p.answer?.plan ?? '', code: p.code, ...judgeScreenshots(workspace, verdict.runtime) };
  });
  const judged = judge ? await runJudges(items.filter((item): item is JudgeItem => item !== undefined), config.select.judge, config, { cacheFile: workspace.judgeCacheFile, quiet }) : undefined;
  const fidelityParts: (FidelityParts | undefined)[] = [];
  const judgeChecks: (TextItem[] | undefined)[] = [];
  const fidelities: (Fidelity | undefined)[] = heuristic.map((f, i) => {
    const item = items[i];
    const scores = judged && item ? judged.scores.get(judgeKey(item)) : undefined;
    const blended = blendedFidelity(f, scores, config.select.judge.fidelity_weight);
    if (blended.parts) {
      fidelityParts[i] = blended.parts;
      judgeChecks[i] = judged!.textItems.get(judgeKey(item!));
    }
    return blended.fidelity;
  });
  const scoredWith = (list: (Fidelity | undefined)[]): ScoredGeneration[] => parsed.map((p, i) => ({
    fidelity: list[i],
    prompt: p.prompt,
    answered: Boolean(p.generation),
    parsed: Boolean(p.code),
    truncated: Boolean(p.generation?.truncated),
    output_tokens: p.generation?.usage?.output_tokens ?? 0,
    validation: p.code ? (verdicts.get(p.codeHash) ?? null) : null,
  }));
  const scored = scoredWith(fidelities);
  writeJsonlStreaming(workspace.evalValidatedFile(model), (writer) => {
    for (const [i, p] of parsed.entries()) {
      const verdict = verdicts.get(p.codeHash);
      writer.write({
        ...p.prompt,
        model,
        answered: Boolean(p.generation),
        plan: p.answer?.plan ?? '',
        code: p.code,
        code_hash: p.codeHash,
        parse_errors: p.answer?.errors ?? ['no_generation'],
        validator_version: verdict?.validator_version ?? null,
        phaser_version: verdict?.phaser_version ?? config.phaser.version,
        passed: verdict?.passed ?? false,
        levels: verdict?.levels ?? {},
        runtime: verdict?.runtime ?? null,
        fidelity: fidelities[i]?.fidelity ?? 0,
        fidelity_checks: fidelities[i]?.fidelity_checks ?? [],
        ...(fidelityParts[i] ? { fidelity_parts: fidelityParts[i] } : {}),
        ...(judgeChecks[i] ? { judge_checks: judgeChecks[i] } : {}),
      });
    }
  });
  const threshold = config.select.min_fidelity;
  const score = scoreModel(model, scored, levels, threshold);
  if (judged) {
    // the same generations scored on the deterministic checks alone: what the judge changed
    const withoutList = scoredWith(heuristic);
    const without = scoreModel(model, withoutList, levels, threshold);
    const doesIt = (g: ScoredGeneration) => Boolean(g.validation?.passed) && (g.fidelity?.fidelity ?? 0) >= threshold;
    const changes = { admitted: 0, rejected: 0 };
    scored.forEach((g, i) => {
      if (doesIt(g) && !doesIt(withoutList[i]!)) changes.admitted++;
      else if (!doesIt(g) && doesIt(withoutList[i]!)) changes.rejected++;
    });
    score.judge = { ...judgeReport(config.select.judge, judged, changes), asked_rate_without_judge: without.asked_rate, fidelity_without_judge: without.fidelity };
  }
  // reviewers' scores imported before this run are compared with the verdicts just written
  const human = await humanAgreementOf(workspace, model, threshold);
  if (human) score.human = human;
  const report: ModelEvalReport = { ...score, created_at: new Date().toISOString(), settings: { levels, validator_version: validatorVersion }, validated_file: workspace.evalValidatedFile(model) };
  writeJsonAtomic(workspace.evalReportFile(model), report);
  if (score.counts.generations < score.counts.prompts) logger.warn(`${model}: ${score.counts.prompts - score.counts.generations} eval prompt(s) have no generation; they count as failures (rerun infer to complete)`);
  return score;
}

/** Score each model in turn (the validator is rebuilt per model; the cache is shared). */
export async function scoreModels(workspace: Workspace, config: Config, models: string[], options: ScoreOptions = {}): Promise<ModelScore[]> {
  if (!existsSync(workspace.evalPromptsFile)) throw new InputError({ file: workspace.evalPromptsFile }, 'no eval prompts: run `phaser-sft eval build` first');
  const levels = parseLevels(options.levels, config.validate.levels);
  const workers = options.workers ?? config.validate.workers;
  const unique = [...new Set(models)];
  const names = new Map(unique.map((m) => [safeName(m), m]));
  if (names.size < unique.length) throw new InputError({ file: workspace.evalDir }, 'two --model names map to the same file name');
  const scores: ModelScore[] = [];
  for (const model of unique) scores.push(await scoreOne(workspace, config, model, levels, workers, Boolean(options.quiet), Boolean(options.judge)));
  return scores;
}
