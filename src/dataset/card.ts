// The dataset card, `data/sft_dataset/README.md`: Hugging Face YAML front matter (so the folder
// uploads to the Hub as it is) and the lineage of the data, read from the other stages' reports
// in data/reports/ (teacher models and spend, validator version and levels, Phaser version,
// seeds by source, dedup and decontamination settings, the funnel from request to sample).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config, Workspace } from '../core/index.js';
import type { PreferenceReport } from './preference.js';
import { SPLITS, type SftFormat, type SplitName } from './sample.js';
import type { StudentTokenizer } from './tokenizer.js';

type Json = Record<string, unknown>;

/** A stage report, or undefined when it is missing or unreadable (the card says so). */
function readReport(file: string): Json | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** `obj.a.b.c`, or undefined. */
function at(obj: unknown, path: string): unknown {
  let value = obj;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Json)[key];
  }
  return value;
}

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
const fmt = (value: number | undefined) => (value === undefined ? 'n/a' : value.toLocaleString('en-US'));
const pct = (part: number | undefined, whole: number | undefined) => (part === undefined || !whole ? '' : `${((part / whole) * 100).toFixed(1)}%`);
/** A table cell: no pipes or newlines. */
const cell = (value: unknown) => String(value ?? 'n/a').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** Hugging Face `size_categories` bucket of a row count. */
export function sizeCategory(rows: number): string {
  const buckets: [number, string][] = [
    [1_000, 'n<1K'],
    [10_000, '1K<n<10K'],
    [100_000, '10K<n<100K'],
    [1_000_000, '100K<n<1M'],
    [10_000_000, '1M<n<10M'],
  ];
  for (const [limit, name] of buckets) if (rows < limit) return name;
  return '10M<n<100M';
}

/** The Hub's split name of each of our files (`val` → `validation`, its canonical name). */
export const HUB_SPLIT: Record<SplitName, string> = { train: 'train', val: 'validation', test: 'test' };

export interface CardInput {
  workspace: Workspace;
  config: Config;
  format: SftFormat;
  written: SplitName[];
  counts: Record<string, number>;
  tokenizer: StudentTokenizer;
  /** Token distributions of the written samples (student tokens), by split. */
  studentTokens: Record<string, unknown>;
  o200kTokens: Record<string, unknown>;
  cutoffLen: number;
  longestKept: number;
  droppedBySplit: Record<SplitName, Partial<Record<string, number>>>;
  overDefault: Record<SplitName, number>;
  datasetNames: Partial<Record<SplitName, string>>;
  trainingConfigFile: string;
  dedup: Json;
  splitComposition: Record<string, { samples: number; seeds: number; lang: Record<string, number> }>;
  /** `dataset --preference`: the preference set beside the SFT one (its own Hub config). */
  preference?: PreferenceReport;
}

function frontMatter(input: CardInput): string {
  const rows = input.written.reduce((n, split) => n + (input.counts[split] ?? 0), 0);
  const lines = [
    '---',
    'language:',
    '- zh',
    '- en',
    `license: ${input.config.dataset.license}`,
    'task_categories:',
    '- text-generation',
    'tags:',
    '- code',
    '- javascript',
    '- phaser',
    '- game-development',
    '- synthetic',
    '- distillation',
    '- sft',
    '- llama-factory',
    'size_categories:',
    `- ${sizeCategory(rows)}`,
    'configs:',
    '- config_name: default',
    '  data_files:',
    ...input.written.flatMap((split) => [`  - split: ${HUB_SPLIT[split]}`, `    path: ${split}.jsonl`]),
    ...(input.preference && Object.keys(input.preference.files).length
      ? ['- config_name: preference', '  data_files:', ...SPLITS.filter((split) => input.preference!.files[split]).flatMap((split) => [`  - split: ${HUB_SPLIT[split]}`, `    path: ${input.preference!.files[split]}`])]
      : []),
    '---',
  ];
  return lines.join('\n');
}

function teacherRows(reports: Json[]): string[] {
  if (!reports.length) return ['No teacher report in data/reports/ (distill was not run in this workspace, or its reports were removed).'];
  const rows = ['| teacher | model | answered | failed | truncated | input tokens | output tokens | spend (USD, all runs) |', '| --- | --- | --- | --- | --- | --- | --- | --- |'];
  let total = 0;
  for (const report of reports) {
    const spend = num(at(report, 'spend_usd.all_runs')) ?? 0;
    total += spend;
    rows.push(
      `| ${cell(at(report, 'settings.teacher'))} | ${cell(at(report, 'settings.model'))} | ${fmt(num(at(report, 'counts.answered')))} | ${fmt(num(at(report, 'counts.failed')))} | ${fmt(num(at(report, 'counts.truncated')))} | ${fmt(num(at(report, 'tokens_all_runs.input_tokens')))} | ${fmt(num(at(report, 'tokens_all_runs.output_tokens')))} | ${spend.toFixed(2)} |`,
    );
  }
  rows.push('', `Total teacher spend: **$${total.toFixed(2)}**.`);
  return rows;
}

function tally(obj: unknown): string {
  if (typeof obj !== 'object' || obj === null) return 'n/a';
  const entries = Object.entries(obj as Json).filter(([, v]) => typeof v === 'number');
  return entries.length ? entries.map(([k, v]) => `${k} ${fmt(v as number)}`).join(', ') : 'none';
}

/** The preference set's paragraph (none without one). */
function preferenceSection(p: PreferenceReport | undefined): string[] {
  if (!p) return [];
  return [
    '## Preference pairs (DPO)',
    '',
    `${fmt(p.pairs.total)} pairs (train ${fmt(p.pairs.train)}, val ${fmt(p.pairs.val)}, test ${fmt(p.pairs.test)}; \`preference_<split>.jsonl\`, LLaMA-Factory ranking format, \`"ranking": true\`): the chosen answer is`,
    "a seed's selected answer, the rejected one another answer of the same seed that failed validation, failed a selection gate or",
    `scored at least ${p.settings.min_score_gap} lower (${tally(p.by_reason)}). Same seed splits as the SFT set; why each answer was rejected is in`,
    `\`${p.manifest_file}\`.${p.dpo_config_file ? ` \`${p.dpo_config_file}\` trains DPO from the merged SFT model.` : ''}`,
    '',
  ];
}

/** The card's markdown. Deterministic for given reports (no clock, no absolute paths). */
export function datasetCard(input: CardInput): string {
  const { workspace, config, counts, tokenizer } = input;
  const report = (name: string) => readReport(workspace.stageReportFile(name));
  const reportsDir = workspace.reportsDir;
  const teacherReports = existsSync(reportsDir)
    ? readdirSync(reportsDir)
        .filter((name) => /^distill_.+_report\.json$/.test(name) && name !== 'distill_requests_report.json')
        .sort()
        .map((name) => readReport(join(reportsDir, name)))
        .filter((r): r is Json => r !== undefined)
    : [];
  const seeds = report('seeds');
  const requests = report('distill_requests');
  const parse = report('parse');
  const filter = report('filter');
  const selection = report('selection');
  const apiIndex = report('api_index');
  const evalBuild = readReport(workspace.evalBuildReportFile);

  const answered = teacherReports.reduce((n, r) => n + (num(at(r, 'counts.answered')) ?? 0), 0);
  const nRequests = num(at(requests, 'counts.requests'));
  const candidates = num(at(parse, 'counts.candidates'));
  const validated = num(at(filter, 'candidates'));
  const passed = num(at(filter, 'passed'));
  const selected = num(at(selection, 'counts.selected'));
  const written = counts.written;
  const levels = at(filter, 'levels');
  const levelNames = (at(filter, 'settings.levels') as string[] | undefined) ?? [];
  const name = config.dataset.name;
  const template = tokenizer.spec.template.name;
  const droppedTotal = counts.dropped_over_cutoff ?? 0;
  const splitsTable = ['| split (Hub) | file | `dataset_info.json` name | samples | seeds | zh / en | student tokens p50 / max |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const split of input.written) {
    const comp = input.splitComposition[split];
    const dist = at(input.studentTokens, `${split}.sample`);
    splitsTable.push(
      `| ${HUB_SPLIT[split]} | ${split}.jsonl | ${input.datasetNames[split]} | ${fmt(comp?.samples)} | ${fmt(comp?.seeds)} | ${fmt(comp?.lang.zh ?? 0)} / ${fmt(comp?.lang.en ?? 0)} | ${fmt(num(at(dist, 'p50')))} / ${fmt(num(at(dist, 'max')))} |`,
    );
  }
  const formatLine: Record<SftFormat, string> = {
    alpaca: '`alpaca`: `instruction`, `input` (empty), `output`, `system` (and `history` for multi-turn records)',
    sharegpt: '`sharegpt`, OpenAI style: `messages` of `{role, content}` (system, user, assistant)',
    'sharegpt-classic': '`sharegpt`, classic: `conversations` of `{from, value}` (human, gpt) and a `system` column',
  };
  const funnel = [
    '| step | count | kept of previous |',
    '| --- | --- | --- |',
    `| teacher requests (seeds × samples per seed) | ${fmt(nRequests)} | |`,
    `| answered by a teacher | ${fmt(answered || undefined)} | ${pct(answered || undefined, nRequests)} |`,
    `| parsed into candidates (plan + one code block) | ${fmt(candidates)} | ${pct(candidates, answered || undefined)} |`,
    ...levelNames.map((level) => {
      const l = at(levels, level);
      return `| passed ${level} (of ${fmt(num(at(l, 'ran')))} run) | ${fmt(num(at(l, 'passed')))} | ${pct(num(at(l, 'passed')), num(at(l, 'ran')))} |`;
    }),
    `| passed every level | ${fmt(passed)} | ${pct(passed, validated)} of validated |`,
    `| selected (best per prompt, diverse) | ${fmt(selected)} | ${pct(selected, passed)} |`,
    `| held out (OOD genres, kept for eval) | ${fmt(counts.held_out_ood)} | |`,
    `| official records merged | ${fmt(counts.official)} | |`,
    `| removed as duplicates (exact + near) | ${fmt(counts.removed_exact + counts.removed_near)} | |`,
    `| dropped over cutoff_len ${input.cutoffLen} | ${fmt(droppedTotal)} | |`,
    `| **in this dataset** | **${fmt(written)}** | |`,
  ];
  const dropLines = SPLITS.filter((split) => Object.keys(input.droppedBySplit[split]).length).map((split) => `${split}: ${tally(input.droppedBySplit[split])}`);
  const overDefault = SPLITS.reduce((n, split) => n + input.overDefault[split], 0);
  const decontam = at(evalBuild, 'settings.decontamination') ?? config.eval.decontamination;
  const o200kTrain = at(input.o200kTokens, 'train.sample');
  const studentTrain = at(input.studentTokens, 'train.sample');

  const body = [
    `# ${name}: verified Phaser 3 games for SFT`,
    '',
    'Prompts for small browser games (Chinese and English) paired with a plan and one complete Phaser 3 game in a single',
    '`javascript` block, written by teacher models and kept only when the game passed the validator, including running',
    'it in headless Chromium. Built with phaser-sft; the counts below come from',
    "the pipeline's own reports (`data/reports/`).",
    '',
    '## Files',
    '',
    ...splitsTable,
    '',
    `Format: ${formatLine[input.format]}. \`dataset_info.json\` is LLaMA-Factory's entry for each split; \`manifest.jsonl\``,
    'gives every sample its split, seed, genre, language and source; `' + input.trainingConfigFile + '` is a LoRA SFT config for',
    'LLaMA-Factory (see below). Splits are by seed: no seed has samples in two splits.',
    '',
    '## Training with LLaMA-Factory',
    '',
    '```bash',
    `llamafactory-cli train ${input.trainingConfigFile} dataset_dir=.   # from this folder`,
    '```',
    '',
    `The config trains a LoRA on \`${input.datasetNames.train}\`${input.datasetNames.val ? ` and evaluates on \`${input.datasetNames.val}\`` : ''} with \`template: ${template}\` and`,
    `\`cutoff_len: ${input.cutoffLen}\`. Change \`model_name_or_path\` (placeholder \`${tokenizer.spec.model}\`) to your base model of`,
    `the same family (${tokenizer.spec.family}); for another family rebuild with \`phaser-sft dataset --tokenizer <qwen3|llama3|deepseek_v3>\`.`,
    '',
    ...preferenceSection(input.preference),
    '## Lengths and truncation',
    '',
    `Lengths are counted with the student's tokenizer (\`${tokenizer.source}\`) under LLaMA-Factory's \`${template}\` template,`,
    'system prompt, prompt, answer and template tokens included. No sample here is longer than',
    `\`cutoff_len\` = ${input.cutoffLen} tokens (longest: ${fmt(input.longestKept)}); ${fmt(droppedTotal)} longer samples were dropped, not truncated${dropLines.length ? ` (${dropLines.join('; ')})` : ''}.`,
    `Train samples: p50 ${fmt(num(at(studentTrain, 'p50')))}, max ${fmt(num(at(studentTrain, 'max')))} student tokens (o200k: p50 ${fmt(num(at(o200kTrain, 'p50')))}, max ${fmt(num(at(o200kTrain, 'max')))}).`,
    overDefault
      ? `**${fmt(overDefault)} samples are longer than LLaMA-Factory's default \`cutoff_len\` of 2048**, which would cut them (a game without its end): keep \`cutoff_len\` from the bundled config.`
      : "Every sample fits LLaMA-Factory's default `cutoff_len` of 2048.",
    '',
    '## Lineage',
    '',
    '### Teachers',
    '',
    ...teacherRows(teacherReports),
    '',
    '### Seeds (prompts)',
    '',
    `${fmt(num(at(seeds, 'counts.written')))} seeds; by source: ${tally(at(seeds, 'distribution.by_source'))}; by language: ${tally(at(seeds, 'distribution.by_lang'))}; ${fmt(Object.keys((at(seeds, 'distribution.by_genre') as Json | undefined) ?? {}).length)} genres.`,
    `Held out of every split (out-of-distribution eval genres): ${config.dataset.hold_out_ood_genres && config.eval.ood_genres.length ? config.eval.ood_genres.join(', ') : 'none'}.`,
    '',
    '### Validation',
    '',
    `Validator version \`${cell(at(filter, 'settings.validator_version'))}\`, levels ${levelNames.length ? levelNames.join(', ') : 'n/a'} (L1 syntax, L2 Phaser API, L3 policy: no network, imports or storage, L4 the game run in headless Chromium). Phaser ${cell(str(at(apiIndex, 'settings.phaser_version')) ?? 'n/a')} (API index and runtime).`,
    '',
    '### Pass-rate funnel',
    '',
    ...funnel,
    '',
    '### Deduplication and decontamination',
    '',
    `Deduplicated on the answers: exact (${cell(at(input.dedup, 'exact'))}) and near (MinHash over ${cell(at(input.dedup, 'shingles'))}, ${cell(at(input.dedup, 'permutations'))} permutations, ${cell(at(input.dedup, 'bands'))} bands, threshold ${cell(at(input.dedup, 'threshold'))}).`,
    `Eval prompts are decontaminated against the train and val splits by \`phaser-sft eval build\` (word ${cell(at(decontam, 'ngram_words'))}-grams, CJK character ${cell(at(decontam, 'ngram_chars'))}-grams, MinHash threshold ${cell(at(decontam, 'minhash_threshold'))})${
      evalBuild ? `; its last run removed ${fmt(num(at(evalBuild, 'counts.removed_total')))} eval candidates` : '; no eval build had run yet when this card was written'
    }.`,
    '',
    '## Upload to the Hugging Face Hub',
    '',
    '```bash',
    'hf auth login',
    'hf upload <user>/<dataset-name> . . --repo-type dataset   # from this folder',
    '```',
    '',
    `License: \`${config.dataset.license}\` (config \`dataset.license\`). The answers were written by the teacher models above; check`,
    "their providers' terms for training on their outputs.",
    '',
  ];
  return `${frontMatter(input)}\n\n${body.join('\n')}`;
}
