import { existsSync, readdirSync } from 'node:fs';
import { resolve, join } from 'node:path';

/** A shard of a stage: the `i`-th of `n` deterministic slices (1-based, as in `--shard 2/4`). */
export interface Shard {
  index: number;
  count: number;
}

/** Suffix for shard outputs: `validated.jsonl` → `validated.shard-2-of-4.jsonl`. */
export function shardSuffix(shard?: Shard): string {
  return shard ? `.shard-${shard.index}-of-${shard.count}` : '';
}

/** The artifacts a sharded stage writes one file of per shard (`validated.shard-2-of-4.jsonl`). */
export type ShardedArtifact = 'candidates' | 'validated' | 'selected' | 'validator_cache';

/** A shard output found on disk. */
export interface ShardFile {
  file: string;
  shard: Shard;
}

const RAW_OUTPUTS_FILE = /^raw_outputs_(.+)\.jsonl$/;
const ERRORS_FILE = /^errors_.+\.jsonl$/;
const STAGE_REPORT_FILE = /^(.+)_report\.json$/;
const EVAL_BUILD_REPORT = 'eval_set_build_report.json';

/** Names in `dir` that match `pattern`, sorted (none when the folder does not exist). */
function listDir(dir: string, pattern: RegExp): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => pattern.test(name)).sort() : [];
}

function withSuffix(file: string, shard?: Shard): string {
  if (!shard) return file;
  const dot = file.lastIndexOf('.');
  return dot === -1 ? file + shardSuffix(shard) : file.slice(0, dot) + shardSuffix(shard) + file.slice(dot);
}

/**
 * Every artifact path of a workspace, in one place (the contract's file layout, DESIGN.md).
 * Stages ask this object for paths; none builds them by hand.
 */
export class Workspace {
  readonly root: string;
  constructor(root = '.') {
    this.root = resolve(root);
  }

  path(...parts: string[]): string {
    return join(this.root, ...parts);
  }

  get configFile(): string {
    return this.path('phaser-sft.config.json');
  }
  get systemPromptFile(): string {
    return this.path('prompts', 'teacher_system_prompt.txt');
  }
  get dataDir(): string {
    return this.path('data');
  }

  // api-index
  get apiIndexFile(): string {
    return this.path('data', 'api_index', 'phaser_api.jsonl');
  }
  // seeds
  get seedsFile(): string {
    return this.path('data', 'prompt_seeds', 'prompt_seeds.jsonl');
  }
  // requests + distill
  get distillDir(): string {
    return this.path('data', 'sft_distill');
  }
  get requestsFile(): string {
    return this.path('data', 'sft_distill', 'requests.jsonl');
  }
  rawOutputsFile(teacher: string): string {
    return this.path('data', 'sft_distill', `raw_outputs_${teacher}.jsonl`);
  }
  /** Every `raw_outputs_<teacher>.jsonl` present, sorted by file name. */
  rawOutputsFiles(): string[] {
    return listDir(this.distillDir, RAW_OUTPUTS_FILE).map((name) => join(this.distillDir, name));
  }
  /** The teachers with a `raw_outputs_<teacher>.jsonl` here, sorted by teacher name. */
  teachersWithRawOutputs(): string[] {
    return listDir(this.distillDir, RAW_OUTPUTS_FILE)
      .map((name) => RAW_OUTPUTS_FILE.exec(name)![1])
      .sort();
  }
  /** Every `errors_<teacher>.jsonl` present, sorted by file name. */
  errorsFiles(): string[] {
    return listDir(this.distillDir, ERRORS_FILE).map((name) => join(this.distillDir, name));
  }
  checkpointFile(teacher: string): string {
    return this.path('data', 'sft_distill', `checkpoint_${teacher}.json`);
  }
  errorsFile(teacher: string): string {
    return this.path('data', 'sft_distill', `errors_${teacher}.jsonl`);
  }
  /** Held while a `distill --teacher <teacher>` runs, so that two runs never pay for the same request. */
  distillLockFile(teacher: string): string {
    return this.path('data', 'sft_distill', `.distill_${teacher}.lock`);
  }
  // parse
  candidatesFile(shard?: Shard): string {
    return this.path('data', 'sft_distill', withSuffix('candidates.jsonl', shard));
  }
  get codesDir(): string {
    return this.path('data', 'sft_distill', 'codes');
  }
  codeFile(codeHash: string): string {
    return join(this.codesDir, `${codeHash}.js`);
  }
  /** `run --rounds`: the requests later rounds add (read by `requests`). */
  get roundsPlanFile(): string {
    return this.path('data', 'sft_distill', 'rounds_plan.jsonl');
  }
  /** `requests.repair`: (broken → fixed) pairs whose fixed version passed. */
  get repairPairsFile(): string {
    return this.path('data', 'sft_distill', 'repair_pairs.jsonl');
  }
  // validate
  validatedFile(shard?: Shard): string {
    return this.path('data', 'sft_distill', withSuffix('validated.jsonl', shard));
  }
  validatorCacheFile(shard?: Shard): string {
    return this.path('data', 'sft_distill', withSuffix('validator_cache.jsonl', shard));
  }
  get screenshotsDir(): string {
    return this.path('data', 'sft_distill', 'screenshots');
  }
  screenshotFile(codeHash: string): string {
    return join(this.screenshotsDir, `${codeHash}.png`);
  }
  // select
  selectedFile(shard?: Shard): string {
    return this.path('data', 'sft_distill', withSuffix('selected.jsonl', shard));
  }
  get sftFromRawFile(): string {
    return this.path('data', 'sft_distill', 'sft_from_raw.jsonl');
  }
  // dataset
  get datasetDir(): string {
    return this.path('data', 'sft_dataset');
  }
  splitFile(split: 'train' | 'val' | 'test'): string {
    return this.path('data', 'sft_dataset', `${split}.jsonl`);
  }
  get datasetInfoFile(): string {
    return this.path('data', 'sft_dataset', 'dataset_info.json');
  }
  /** One line per written sample: split, source, seed id, genre, language (for decontamination and audits). */
  get datasetManifestFile(): string {
    return this.path('data', 'sft_dataset', 'manifest.jsonl');
  }
  /** `dataset --preference`: the preference (DPO) pairs of one split, in LLaMA-Factory's ranking format. */
  preferenceSplitFile(split: 'train' | 'val' | 'test'): string {
    return this.path('data', 'sft_dataset', `preference_${split}.jsonl`);
  }
  /** One line per written preference pair: split, seed, chosen and rejected candidates, why rejected. */
  get preferenceManifestFile(): string {
    return this.path('data', 'sft_dataset', 'preference_manifest.jsonl');
  }
  /** `dataset_info.json` beside `sft_from_raw.jsonl`, so LLaMA-Factory loads the baseline too. */
  get sftFromRawInfoFile(): string {
    return this.path('data', 'sft_distill', 'dataset_info.json');
  }
  /** Vision-judge verdicts, one line per code hash (the judge's resumable journal). */
  get judgeCacheFile(): string {
    return this.path('data', 'sft_distill', 'judge_cache.jsonl');
  }
  get officialFile(): string {
    return this.path('data', 'sft_official', 'processed.jsonl');
  }
  // eval
  get evalDir(): string {
    return this.path('data', 'eval');
  }
  get evalPromptsFile(): string {
    return this.path('data', 'eval', 'prompts_eval.jsonl');
  }
  get humanPromptsFile(): string {
    return this.path('data', 'eval', 'prompts_human.jsonl');
  }
  generationsFile(model: string): string {
    return this.path('data', 'eval', `generations_${safeName(model)}.jsonl`);
  }
  evalReportFile(model: string): string {
    return this.path('data', 'eval', 'reports', `${safeName(model)}.json`);
  }
  get evalBuildReportFile(): string {
    return this.path('data', 'eval', 'reports', EVAL_BUILD_REPORT);
  }
  /** Failed inference calls of one model (as `errors_<teacher>.jsonl` for the teacher). */
  inferErrorsFile(model: string): string {
    return this.path('data', 'eval', `errors_${safeName(model)}.jsonl`);
  }
  /** Held while `infer --model <model>` runs. */
  inferLockFile(model: string): string {
    return this.path('data', 'eval', `.infer_${safeName(model)}.lock`);
  }
  /** Candidates parsed from a model's generations (the `candidates.jsonl` of `eval score`). */
  evalCandidatesFile(model: string): string {
    return this.path('data', 'eval', 'scored', `candidates_${safeName(model)}.jsonl`);
  }
  /** Validated generations of a model. */
  evalValidatedFile(model: string): string {
    return this.path('data', 'eval', 'scored', `validated_${safeName(model)}.jsonl`);
  }
  /** `eval review --model M`: the review page (`index.html`) and its playable games (`games/`). */
  evalReviewDir(model: string): string {
    return this.path('data', 'eval', 'review', safeName(model));
  }
  /** Reviewers' scores of a model's games, read in by `eval human import`. */
  humanScoresFile(model: string): string {
    return this.path('data', 'eval', 'human', `${safeName(model)}.jsonl`);
  }
  // pipeline
  /** What a stage's outputs were built from (`run` and `status` compare it with the inputs now). */
  stageManifestFile(stage: string): string {
    return this.path('data', 'manifests', `${safeName(stage)}.json`);
  }
  /** Held while a stage writes (every stage that writes; per teacher, model and shard where those apply). */
  stageLockFile(stage: string, scope: { shard?: Shard; teacher?: string; model?: string } = {}): string {
    const named = [stage, scope.teacher, scope.model].filter((part): part is string => Boolean(part)).map(safeName).join('_');
    return this.path('data', 'manifests', `.${named}${shardSuffix(scope.shard)}.lock`);
  }
  /** Commit journals of multi-file writes in progress (`writeTogether`); settled by every command. */
  get commitsDir(): string {
    return this.path('data', '.commits');
  }
  commitJournalFile(name: string): string {
    return join(this.commitsDir, `${safeName(name)}.json`);
  }
  // reports
  get reportsDir(): string {
    return this.path('data', 'reports');
  }
  /** `data/reports/<name>_report.json`, e.g. stageReportFile('parse'). */
  stageReportFile(name: string, shard?: Shard): string {
    return this.path('data', 'reports', withSuffix(`${name}_report.json`, shard));
  }
  /** Every stage report present (`data/reports/<name>_report.json`), sorted by file name. */
  stageReportFiles(): { name: string; file: string }[] {
    return listDir(this.reportsDir, STAGE_REPORT_FILE).map((name) => ({ name: STAGE_REPORT_FILE.exec(name)![1], file: join(this.reportsDir, name) }));
  }
  /** Every per-model evaluation report present (`data/eval/reports/<model>.json`), sorted by file name. */
  evalReportFiles(): { model: string; file: string }[] {
    const dir = this.path('data', 'eval', 'reports');
    return listDir(dir, /\.json$/)
      .filter((name) => name !== EVAL_BUILD_REPORT)
      .map((name) => ({ model: name.replace(/\.json$/, ''), file: join(dir, name) }));
  }
  /**
   * The shard outputs of `artifact` present, sorted by file name: `validated.shard-i-of-n.jsonl`
   * beside `validated.jsonl` (shards of different counts included; the caller decides).
   */
  shardFiles(artifact: ShardedArtifact): ShardFile[] {
    const pattern = new RegExp(`^${artifact}\\.shard-(\\d+)-of-(\\d+)\\.jsonl$`);
    return listDir(this.distillDir, pattern).map((name) => {
      const [, index, count] = pattern.exec(name)!;
      return { file: join(this.distillDir, name), shard: { index: Number(index), count: Number(count) } };
    });
  }
  get htmlReportFile(): string {
    return this.path('data', 'reports', 'index.html');
  }
}

/** A model name made safe for a file name: `Qwen/Qwen2.5-7B` → `Qwen_Qwen2.5-7B`. */
export function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_');
}
