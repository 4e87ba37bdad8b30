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
import { measureFidelity, parseLevels, validateGames } from '../validate/index.js';
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
async function scoreOne(workspace: Workspace, config: Config, model: string, levels: LevelName[], workers: number, quiet: boolean): Promise<ModelScore> {
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
  const fidelities = parsed.map((p) => (p.code ? measureFidelity(requestOf(p.prompt), p.code, verdicts.get(p.codeHash)?.runtime?.probes, verdicts.get(p.codeHash)?.runtime?.responds_to_input) : undefined));
  const scored: ScoredGeneration[] = parsed.map((p, i) => ({
    fidelity: fidelities[i],
    prompt: p.prompt,
    answered: Boolean(p.generation),
    parsed: Boolean(p.code),
    truncated: Boolean(p.generation?.truncated),
    output_tokens: p.generation?.usage?.output_tokens ?? 0,
    validation: p.code ? (verdicts.get(p.codeHash) ?? null) : null,
  }));
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
      });
    }
  });
  const score: ModelScore = scoreModel(model, scored, levels, config.select.min_fidelity);
  // reviewers' scores imported before this run are compared with the verdicts just written
  const human = await humanAgreementOf(workspace, model, config.select.min_fidelity);
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
  for (const model of unique) scores.push(await scoreOne(workspace, config, model, levels, workers, Boolean(options.quiet)));
  return scores;
}
