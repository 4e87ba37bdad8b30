// The numbers of `eval score`: parse rate, pass rate (overall, per level, cumulative), runtime
// statistics, and the same rates by iid/ood, genre and language. Every rate is over all eval
// prompts, so a prompt the model never answered counts as a failure and models compare fairly.
import { LANGS, LEVEL_NAMES, distribution, type LevelName } from '../core/index.js';
import type { Validation } from '../schemas/index.js';
import type { Fidelity } from '../validate/index.js';
import type { HumanAgreement } from './humanAgreement.js';
import type { JudgeReport } from '../judge/index.js';
import type { EvalPromptRecord } from './records.js';

const LEVELS = LEVEL_NAMES;

/** One eval prompt's outcome for a model. */
export interface ScoredGeneration {
  prompt: EvalPromptRecord;
  answered: boolean;
  parsed: boolean;
  truncated: boolean;
  output_tokens: number;
  validation: Validation | null;
  /** Against the prompt's own words (src/validate/fidelity/); absent when nothing was parsed. */
  fidelity?: Fidelity;
}

export interface GroupScore {
  prompts: number;
  parse_rate: number;
  pass_rate: number;
  /** Passes validation and does what was asked (fidelity at least the threshold). */
  asked_rate: number;
  /** Mean fidelity over all prompts (an unanswered or unparsed one counts 0). */
  fidelity: number;
}

export interface ModelScore {
  model: string;
  /** The headline: share of prompts whose game passes validation AND does what was asked. */
  asked_rate: number;
  /** Mean fidelity over all prompts, and the threshold `asked_rate` uses (select.min_fidelity). */
  fidelity: number;
  fidelity_threshold: number;
  counts: { prompts: number; generations: number; parsed: number; passed: number; truncated: number };
  parse_rate: number;
  pass_rate: number;
  /** Share of prompts whose game passed this level (it ran and raised no error). */
  pass_rate_by_level: Partial<Record<LevelName, number>>;
  /** Share of prompts whose game passed every level up to this one. */
  cumulative_pass_rate: Partial<Record<LevelName, number>>;
  runtime: {
    ran: number;
    fps: ReturnType<typeof distribution>;
    frames: ReturnType<typeof distribution>;
    blank_rate: number | null;
    animated_rate: number | null;
    responds_to_input_rate: number | null;
    runtime_error_rate: number | null;
  };
  output_tokens: ReturnType<typeof distribution>;
  by_split: Record<string, GroupScore>;
  by_genre: Record<string, GroupScore>;
  by_lang: Record<string, GroupScore>;
  top_issues: { code: string; level: LevelName; count: number; example: string }[];
  /** Reviewers' scores beside the machine's (`eval human import`); absent when nobody reviewed this model. */
  human?: HumanAgreement;
  /** With `eval score --judge`: the judges' block, and the headline and fidelity without them. */
  judge?: JudgeReport & { asked_rate_without_judge: number; fidelity_without_judge: number };
}

const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : 0);
const rateOrNull = (part: number, whole: number) => (whole ? rate(part, whole) : null);

const fidelityOf = (g: ScoredGeneration) => (g.parsed ? (g.fidelity?.fidelity ?? 0) : 0);

/**
 * The headline gate: validation passed and fidelity at least the threshold (an unparsed answer
 * has fidelity 0). One definition for the score and for the human comparison (humanAgreement.ts).
 */
export function doesWhatWasAsked(game: { passed: boolean; parsed: boolean; fidelity: number | undefined }, threshold: number): boolean {
  return game.passed && (game.parsed ? (game.fidelity ?? 0) : 0) >= threshold;
}
const passesGate = (g: ScoredGeneration, threshold: number) => doesWhatWasAsked({ passed: Boolean(g.validation?.passed), parsed: g.parsed, fidelity: g.fidelity?.fidelity }, threshold);
const meanFidelity = (list: ScoredGeneration[]) => (list.length ? Math.round((list.reduce((sum, g) => sum + fidelityOf(g), 0) / list.length) * 1000) / 1000 : 0);

function groups(items: ScoredGeneration[], key: (g: ScoredGeneration) => string, threshold: number): Record<string, GroupScore> {
  const by = new Map<string, ScoredGeneration[]>();
  for (const item of items) by.set(key(item), [...(by.get(key(item)) ?? []), item]);
  return Object.fromEntries(
    [...by.keys()].sort().map((k) => {
      const list = by.get(k)!;
      return [
        k,
        {
          prompts: list.length,
          parse_rate: rate(list.filter((g) => g.parsed).length, list.length),
          pass_rate: rate(list.filter((g) => g.validation?.passed).length, list.length),
          asked_rate: rate(list.filter((g) => passesGate(g, threshold)).length, list.length),
          fidelity: meanFidelity(list),
        },
      ];
    }),
  );
}

export function scoreModel(model: string, items: ScoredGeneration[], levels: LevelName[], fidelityThreshold = 0.3): ModelScore {
  const n = items.length;
  const levelPassed = (g: ScoredGeneration, level: LevelName) => Boolean(g.validation?.levels[level]?.passed && !g.validation.levels[level]?.skipped);
  const withRuntime = items.filter((g) => g.validation?.runtime);
  const runtimes = withRuntime.map((g) => g.validation!.runtime!);
  const issues = new Map<string, { code: string; level: LevelName; count: number; example: string }>();
  for (const g of items) {
    for (const level of LEVELS) {
      for (const issue of g.validation?.levels[level]?.issues ?? []) {
        if (issue.severity !== 'error') continue;
        const key = `${level}:${issue.code}`;
        const entry = issues.get(key) ?? { code: issue.code, level, count: 0, example: `${g.prompt.id}: ${issue.message}` };
        entry.count++;
        issues.set(key, entry);
      }
    }
  }
  return {
    model,
    asked_rate: rate(items.filter((g) => passesGate(g, fidelityThreshold)).length, n),
    fidelity: meanFidelity(items),
    fidelity_threshold: fidelityThreshold,
    counts: {
      prompts: n,
      generations: items.filter((g) => g.answered).length,
      parsed: items.filter((g) => g.parsed).length,
      passed: items.filter((g) => g.validation?.passed).length,
      truncated: items.filter((g) => g.truncated).length,
    },
    parse_rate: rate(items.filter((g) => g.parsed).length, n),
    pass_rate: rate(items.filter((g) => g.validation?.passed).length, n),
    pass_rate_by_level: Object.fromEntries(levels.map((l) => [l, rate(items.filter((g) => levelPassed(g, l)).length, n)])),
    cumulative_pass_rate: Object.fromEntries(levels.map((l, i) => [l, rate(items.filter((g) => levels.slice(0, i + 1).every((m) => levelPassed(g, m))).length, n)])),
    runtime: {
      ran: runtimes.length,
      fps: distribution(runtimes.map((r) => r.fps)),
      frames: distribution(runtimes.map((r) => r.frames)),
      blank_rate: rateOrNull(runtimes.filter((r) => r.blank).length, runtimes.length),
      animated_rate: rateOrNull(runtimes.filter((r) => r.animated).length, runtimes.length),
      responds_to_input_rate: rateOrNull(runtimes.filter((r) => r.responds_to_input).length, runtimes.length),
      runtime_error_rate: rateOrNull(runtimes.filter((r) => r.errors.length > 0).length, runtimes.length),
    },
    output_tokens: distribution(items.filter((g) => g.answered).map((g) => g.output_tokens)),
    by_split: groups(items, (g) => g.prompt.split, fidelityThreshold),
    by_genre: groups(items, (g) => g.prompt.genre, fidelityThreshold),
    by_lang: groups(items, (g) => g.prompt.lang, fidelityThreshold),
    top_issues: [...issues.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)).slice(0, 10),
  };
}

/** Several models side by side, one row per metric. */
export function formatScoreTable(scores: ModelScore[]): string {
  const pctText = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);
  const statText = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(2));
  const rows: [string, (s: ModelScore) => string][] = [
    ['prompts', (s) => String(s.counts.prompts)],
    ['answered', (s) => String(s.counts.generations)],
    ['parse rate', (s) => pctText(s.parse_rate)],
    ['passes and does what was asked', (s) => pctText(s.asked_rate)],
    ['  without the judge', (s) => pctText(s.judge?.asked_rate_without_judge)],
    ['fidelity (mean)', (s) => s.fidelity.toFixed(3)],
    ['  without the judge', (s) => (s.judge ? s.judge.fidelity_without_judge.toFixed(3) : '–')],
    ...['iid', 'ood'].map((split): [string, (s: ModelScore) => string] => [`fidelity ${split}`, (s) => (s.by_split[split] ? s.by_split[split].fidelity.toFixed(3) : '–')]),
    ...[...LANGS].reverse().map((lang): [string, (s: ModelScore) => string] => [`fidelity ${lang}`, (s) => (s.by_lang[lang] ? s.by_lang[lang].fidelity.toFixed(3) : '–')]),
    ...[...new Set(scores.flatMap((s) => Object.keys(s.by_genre)))].sort().map((genre): [string, (s: ModelScore) => string] => [`fidelity ${genre}`, (s) => (s.by_genre[genre] ? s.by_genre[genre].fidelity.toFixed(3) : '–')]),
    ['pass rate', (s) => pctText(s.pass_rate)],
    ...LEVEL_NAMES.map((l): [string, (s: ModelScore) => string] => [`  passed ≤ ${l}`, (s) => pctText(s.cumulative_pass_rate[l])]),
    ...['iid', 'ood'].map((split): [string, (s: ModelScore) => string] => [`pass rate ${split}`, (s) => pctText(s.by_split[split]?.pass_rate)]),
    ...[...LANGS].reverse().map((lang): [string, (s: ModelScore) => string] => [`pass rate ${lang}`, (s) => pctText(s.by_lang[lang]?.pass_rate)]),
    ['truncated', (s) => String(s.counts.truncated)],
    ['human: prompts reviewed', (s) => (s.human ? String(s.human.reviewed) : '–')],
    ['human pass rate', (s) => pctText(s.human?.human_pass_rate)],
    ['human agrees with the gate', (s) => pctText(s.human?.agreement)],
    ["  Cohen's kappa", (s) => statText(s.human?.kappa)],
    ['  Spearman (human, fidelity)', (s) => statText(s.human?.spearman_fidelity)],
    ['median fps (L4)', (s) => (s.runtime.ran ? s.runtime.fps.p50.toFixed(1) : '–')],
    ['animated (L4)', (s) => pctText(s.runtime.animated_rate)],
    ['responds to input (L4)', (s) => pctText(s.runtime.responds_to_input_rate)],
  ];
  const visible = rows.filter(([, cell]) => scores.some((s) => cell(s) !== '–'));
  const labelWidth = Math.max(...visible.map(([label]) => label.length));
  const widths = scores.map((s) => Math.max(s.model.length, 7));
  const line = (label: string, cells: string[]) => `${label.padEnd(labelWidth)}  ${cells.map((c, i) => c.padStart(widths[i])).join('  ')}`;
  return [line('', scores.map((s) => s.model)), ...visible.map(([label, cell]) => line(label, scores.map(cell)))].join('\n');
}
