// Human scores beside the machine's: for each reviewed prompt the reviewers' score and verdict,
// the validator's verdict and fidelity; over all of them, how often the human verdict agrees
// with the machine's gate (validation passed and fidelity at least the threshold, the headline
// of `eval score`), Cohen's kappa for that agreement beyond chance, and Spearman's rank
// correlation of the human score with fidelity.
import { existsSync } from 'node:fs';
import { readJsonlValues, type Workspace } from '../core/index.js';
import { readHumanScores, type HumanScoreRecord } from './humanScores.js';
import { evalScoredRecordSchema, type EvalScoredRecord } from './records.js';
import { doesWhatWasAsked } from './scoreReport.js';

/**
 * A reviewed game passes when the reviewers gave `runs` a 2 (every reviewer: the mean is 2) and
 * its mean item score is at least half the scale: it runs, and most of what was asked is there.
 */
const PASS = { runs: 2, meanItem: 1 } as const;
/** The rule in words, for the reports (made from PASS). */
export const HUMAN_PASS_RULE = `runs = ${PASS.runs} and mean item score ≥ ${PASS.meanItem} (of 0–2)`;
const humanPasses = (items: Record<string, number>, score: number) => items['runs'] === PASS.runs && score * 2 >= PASS.meanItem;

/** One reviewed prompt. */
export interface HumanPromptScore {
  id: string;
  lang: string;
  split: string;
  genre: string;
  reviewers: string[];
  /** Mean of the reviewers' item scores, per item. */
  items: Record<string, number>;
  /** Mean item score over the scale, 0–1. */
  human_score: number;
  human_pass: boolean;
  validator_passed: boolean;
  fidelity: number;
  /** The machine's gate: validation passed and fidelity ≥ the threshold. */
  machine_pass: boolean;
  agree: boolean;
  notes: string[];
}

/** How the reviewers' verdicts compare with the machine's for one model. */
export interface HumanAgreement {
  model: string;
  reviewed: number;
  reviewers: string[];
  pass_rule: string;
  fidelity_threshold: number;
  human_pass_rate: number | null;
  /** On the reviewed prompts only. */
  validator_pass_rate: number | null;
  machine_pass_rate: number | null;
  /** Share of reviewed prompts where the human verdict equals the machine's gate. */
  agreement: number | null;
  /** Cohen's kappa of the two verdicts: 0 when one side never varies; null with fewer than 2 prompts or when neither varies. */
  kappa: number | null;
  /** Spearman's rho of human score against fidelity; null with fewer than 3 prompts or a constant side. */
  spearman_fidelity: number | null;
  /** Mean score of each rubric item over the prompts that have it. */
  item_means: Record<string, number>;
  /** Reviewers against each other, on prompts two of them scored (the first two by name); null when none did. */
  between_reviewers: { prompts: number; agreement: number; kappa: number | null } | null;
  prompts: HumanPromptScore[];
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Cohen's kappa of two binary labellings of the same items. */
export function cohensKappa(a: boolean[], b: boolean[]): number | null {
  const n = a.length;
  if (n < 2) return null;
  const observed = a.filter((x, i) => x === b[i]).length / n;
  const pa = a.filter(Boolean).length / n;
  const pb = b.filter(Boolean).length / n;
  const expected = pa * pb + (1 - pa) * (1 - pb);
  if (expected >= 1) return null;
  return round((observed - expected) / (1 - expected));
}

/** Ranks 1..n, ties given their mean rank. */
function ranks(xs: number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) out[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** Spearman's rho (Pearson's r of the ranks, so ties are handled). */
export function spearman(a: number[], b: number[]): number | null {
  if (a.length < 3) return null;
  const ra = ranks(a);
  const rb = ranks(b);
  const ma = mean(ra);
  const mb = mean(rb);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i] - ma) * (rb[i] - mb);
    da += (ra[i] - ma) ** 2;
    db += (rb[i] - mb) ** 2;
  }
  return da === 0 || db === 0 ? null : round(num / Math.sqrt(da * db));
}

/** Mean item score over the scale, 0–1. */
const scoreOf = (items: Record<string, number>) => {
  const values = Object.values(items);
  return values.length ? round(mean(values) / 2) : 0;
};

/** Do two reviewers of the same game reach the same verdict? */
function betweenReviewers(byId: Map<string, HumanScoreRecord[]>): HumanAgreement['between_reviewers'] {
  const pairs = [...byId.values()].filter((reviews) => reviews.length >= 2).map((reviews) => [...reviews].sort((a, b) => a.reviewer.localeCompare(b.reviewer)).slice(0, 2));
  if (!pairs.length) return null;
  const verdicts = pairs.map((pair) => pair.map((r) => humanPasses(r.scores, scoreOf(r.scores))));
  const a = verdicts.map((v) => v[0]);
  const b = verdicts.map((v) => v[1]);
  return { prompts: pairs.length, agreement: round(a.filter((x, i) => x === b[i]).length / a.length, 4), kappa: cohensKappa(a, b) };
}

/** Compare the reviewers' scores with the scored records (pure; records without a review are left out). */
export function humanAgreement(model: string, scored: EvalScoredRecord[], human: HumanScoreRecord[], threshold: number): HumanAgreement {
  const byId = new Map<string, HumanScoreRecord[]>();
  for (const h of human) byId.set(h.id, [...(byId.get(h.id) ?? []), h]);
  const prompts: HumanPromptScore[] = [];
  for (const record of scored) {
    const reviews = byId.get(record.id);
    if (!reviews?.length) continue;
    const itemIds = [...new Set(reviews.flatMap((r) => Object.keys(r.scores)))];
    const items = Object.fromEntries(itemIds.map((item) => [item, round(mean(reviews.flatMap((r) => (item in r.scores ? [r.scores[item]] : []))), 2)]));
    const humanScore = scoreOf(items);
    const humanPass = humanPasses(items, humanScore);
    const machinePass = doesWhatWasAsked({ passed: record.passed, parsed: record.code !== '', fidelity: record.fidelity }, threshold);
    prompts.push({
      id: record.id,
      lang: record.lang,
      split: record.split,
      genre: record.genre,
      reviewers: reviews.map((r) => r.reviewer).sort(),
      items,
      human_score: humanScore,
      human_pass: humanPass,
      validator_passed: record.passed,
      fidelity: record.fidelity,
      machine_pass: machinePass,
      agree: humanPass === machinePass,
      notes: reviews.map((r) => r.notes).filter((n) => n.trim() !== ''),
    });
  }
  const n = prompts.length;
  const share = (f: (p: HumanPromptScore) => boolean) => (n ? round(prompts.filter(f).length / n, 4) : null);
  const itemMeans: Record<string, number> = {};
  for (const item of [...new Set(prompts.flatMap((p) => Object.keys(p.items)))].sort()) itemMeans[item] = round(mean(prompts.flatMap((p) => (item in p.items ? [p.items[item]] : []))), 2);
  return {
    model,
    reviewed: n,
    reviewers: [...new Set(prompts.flatMap((p) => p.reviewers))].sort(),
    pass_rule: HUMAN_PASS_RULE,
    fidelity_threshold: threshold,
    human_pass_rate: share((p) => p.human_pass),
    validator_pass_rate: share((p) => p.validator_passed),
    machine_pass_rate: share((p) => p.machine_pass),
    agreement: share((p) => p.agree),
    kappa: cohensKappa(prompts.map((p) => p.human_pass), prompts.map((p) => p.machine_pass)),
    spearman_fidelity: spearman(prompts.map((p) => p.human_score), prompts.map((p) => p.fidelity)),
    item_means: itemMeans,
    between_reviewers: betweenReviewers(byId),
    prompts,
  };
}

/** The agreement of a model's stored human scores with its scored games; null when nobody reviewed it (or it was not scored). */
export async function humanAgreementOf(workspace: Workspace, model: string, threshold: number): Promise<HumanAgreement | null> {
  const human = await readHumanScores(workspace, model);
  if (!human.length || !existsSync(workspace.evalValidatedFile(model))) return null;
  const scored = await readJsonlValues(workspace.evalValidatedFile(model), { schema: evalScoredRecordSchema });
  return humanAgreement(model, scored, human, threshold);
}
