// `dataset --preference`: the answers selection left behind, kept as DPO pairs. For each seed with
// a selected answer in the SFT set (chosen), the seed's other answers that are clearly worse
// (rejected): failed validation, failed a selection gate, or scored at least
// `dataset.preference_min_score_gap` lower. A pair takes the chosen sample's system prompt and
// instruction and differs only in the answer. Pairs go to the split the SFT set put their seed
// in (no second split assignment), are dropped rather than truncated over `cutoff_len`, and why
// each answer was rejected is kept in `preference_manifest.jsonl`, never in the training columns.
import { rmSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { WorkError, logger, stableHash, tally, writeFileAtomic, writeJsonlAtomic, type Config, type Workspace } from '../core/index.js';
import type { Seed, TeacherRequest, Validated } from '../schemas/index.js';
import { combineScore, effectiveWeights, failureKey, fidelityOf, ineligibleReason, scoreParts } from '../select/index.js';
import type { CutoffReason } from './cutoff.js';
import { preferenceInfo, preferenceProblem, type DatasetInfoEntry } from './llamaFactory.js';
import { assistantOutput, encodePair, SPLITS, type Conversation, type Sample, type SftFormat, type SplitName } from './sample.js';
import type { StudentTokenizer } from './tokenizer.js';
import { DPO_CONFIG_FILE, dpoConfigYaml } from './trainingConfig.js';

/** Why an answer is the rejected one of a pair. */
export type RejectionReason = 'failed_validation' | 'failed_gate' | 'score_gap';
/** Most convincing first: a failed check says more than a score. */
const REASON_ORDER: readonly RejectionReason[] = ['failed_validation', 'failed_gate', 'score_gap'];

/**
 * Selection gates whose failure says nothing of the game's quality: an L4 run skipped (no
 * browser) is missing evidence, not a worse game, so such an answer is never rejected for it.
 */
const NOT_A_QUALITY_GATE = new Set(['l4_skipped']);

/** One preference pair, before encoding. */
export interface PreferencePair {
  split: SplitName;
  /** The chosen sample's system prompt and instruction; its one turn's answer is the chosen answer. */
  conversation: Conversation;
  chosen: string;
  rejected: string;
  meta: PreferenceMeta;
}

/** A line of `preference_manifest.jsonl` (with `split` and `index`, its line in the split file). */
export interface PreferenceMeta {
  /** Stable id of the pair (hash of both candidates). */
  id: string;
  seed_id: string;
  genre: string;
  lang: string;
  chosen_candidate_id: string;
  rejected_candidate_id: string;
  reason: RejectionReason;
  /** failed_validation: the first failing level and issue code (`L2:TS2339`); failed_gate: the gate (`below_min_fidelity`); score_gap: the gap. */
  reason_detail: string;
  /** Select scores without the judge part (the same function for both answers); null for a failed answer. */
  chosen_score: number | null;
  rejected_score: number | null;
}

export interface PreferenceSettings {
  minScoreGap: number;
  pairsPerSeed: number;
}

export interface PreferenceInput {
  /** The SFT set's samples by split, after dedup, before cutoff: the chosen answers and the seed → split map. */
  assigned: Record<SplitName, Sample[]>;
  validated: Validated[];
  seeds: Map<string, Seed>;
  requests: Map<string, TeacherRequest>;
  config: Config;
  settings: PreferenceSettings;
}

export interface PreferenceBuild {
  pairs: PreferencePair[];
  /** Seeds with a chosen answer but no answer clearly worse. */
  seedsWithoutRejected: number;
  /** Rejected candidates left out, by why (`same_code`, `empty_code`, `over_pairs_per_seed`). */
  skipped: Record<string, number>;
}

interface Rejection {
  record: Validated;
  reason: RejectionReason;
  detail: string;
  score: number | null;
  /** Sorting key inside a reason: the widest gap first for scores. */
  rank: number;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** Build the pairs (unencoded, uncut). Deterministic: seeds in SFT order, ties broken by candidate id. */
export function buildPreferencePairs(input: PreferenceInput): PreferenceBuild {
  const { config, seeds, requests, settings } = input;
  const select = config.select;
  // The score without the judge: its verdicts exist only for the answers selection could pick.
  const weights = effectiveWeights(select);
  const scoreOf = (record: Validated): number => {
    const seed = seeds.get(record.seed_id);
    const parts = scoreParts(record, { seed, request: requests.get(record.request_id), fidelity: fidelityOf(record, seed) }, select);
    return round(combineScore(parts, weights));
  };
  const bySeed = new Map<string, Validated[]>();
  for (const record of input.validated) bySeed.set(record.seed_id, [...(bySeed.get(record.seed_id) ?? []), record]);
  const byCandidate = new Map(input.validated.map((record) => [record.candidate_id, record]));

  const pairs: PreferencePair[] = [];
  const skipped: string[] = [];
  let seedsWithoutRejected = 0;
  for (const split of SPLITS) {
    const chosenBySeed = new Map<string, { sample: Sample; record: Validated; score: number }[]>();
    for (const sample of input.assigned[split]) {
      const record = sample.meta.source === 'distilled' && sample.meta.candidate_id ? byCandidate.get(sample.meta.candidate_id) : undefined;
      if (!record || !sample.meta.seed_id) continue;
      chosenBySeed.set(sample.meta.seed_id, [...(chosenBySeed.get(sample.meta.seed_id) ?? []), { sample, record, score: scoreOf(record) }]);
    }
    for (const [seedId, chosen] of chosenBySeed) {
      chosen.sort((a, b) => b.score - a.score || (a.record.candidate_id < b.record.candidate_id ? -1 : 1));
      const chosenIds = new Set(chosen.map((c) => c.record.candidate_id));
      const chosenCode = new Set(chosen.map((c) => c.record.code_hash));
      // A rejected answer must be clearly worse than every chosen one of its seed.
      const weakestChosen = Math.min(...chosen.map((c) => c.score));
      const rejections: Rejection[] = [];
      const seenCode = new Set<string>();
      for (const record of bySeed.get(seedId) ?? []) {
        if (chosenIds.has(record.candidate_id)) continue;
        if (chosenCode.has(record.code_hash) || seenCode.has(record.code_hash)) {
          skipped.push('same_code');
          continue;
        }
        // No code to compare (a parse failure): nothing the student could learn to avoid in it.
        if (!record.code.trim()) {
          skipped.push('empty_code');
          continue;
        }
        const rejection = rejectionOf(record, weakestChosen, settings, config, seeds, scoreOf);
        if (!rejection) continue;
        seenCode.add(record.code_hash);
        rejections.push(rejection);
      }
      if (!rejections.length) {
        seedsWithoutRejected++;
        continue;
      }
      rejections.sort((a, b) => REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason) || b.rank - a.rank || (a.record.candidate_id < b.record.candidate_id ? -1 : 1));
      skipped.push(...rejections.slice(settings.pairsPerSeed).map(() => 'over_pairs_per_seed'));
      // Round robin over the chosen answers (best first), so each rejected answer is used once.
      rejections.slice(0, settings.pairsPerSeed).forEach((rejection, i) => {
        const { sample, record, score } = chosen[i % chosen.length];
        const turn = sample.conversation.turns[sample.conversation.turns.length - 1];
        pairs.push({
          split,
          conversation: sample.conversation,
          chosen: turn.assistant,
          rejected: assistantOutput(rejection.record.plan, rejection.record.code),
          meta: {
            id: stableHash([record.candidate_id, rejection.record.candidate_id], 16),
            seed_id: seedId,
            genre: sample.meta.genre,
            lang: sample.meta.lang,
            chosen_candidate_id: record.candidate_id,
            rejected_candidate_id: rejection.record.candidate_id,
            reason: rejection.reason,
            reason_detail: rejection.reason === 'score_gap' ? `gap ${round(score - (rejection.score ?? 0))}` : rejection.detail,
            chosen_score: score,
            rejected_score: rejection.score,
          },
        });
      });
    }
  }
  return { pairs, seedsWithoutRejected, skipped: tally(skipped) };
}

/** Why `record` is clearly worse than a chosen answer scoring `chosenScore`, or undefined when it is not. */
function rejectionOf(record: Validated, chosenScore: number, settings: PreferenceSettings, config: Config, seeds: Map<string, Seed>, scoreOf: (record: Validated) => number): Rejection | undefined {
  if (!record.passed) return { record, reason: 'failed_validation', detail: failureKey(record), score: null, rank: 0 };
  const gate = ineligibleReason(record, config.select, fidelityOf(record, seeds.get(record.seed_id)));
  const score = scoreOf(record);
  // Missing evidence (L4 skipped) also zeroes the runtime parts of the score: no rejection at all.
  if (gate && NOT_A_QUALITY_GATE.has(gate)) return undefined;
  if (gate) return { record, reason: 'failed_gate', detail: gate, score, rank: chosenScore - score };
  if (score < config.select.min_score) return { record, reason: 'failed_gate', detail: 'below_min_score', score, rank: chosenScore - score };
  const gap = chosenScore - score;
  // A small epsilon: scores are rounded to 4 places, a gap of exactly the threshold counts.
  if (gap + 1e-9 >= settings.minScoreGap) return { record, reason: 'score_gap', detail: `gap ${round(gap)}`, score, rank: gap };
  return undefined;
}

/** Why a pair was dropped over the cutoff: the longer answer alone is over it, or prompt + longer answer is. */
export interface DroppedPair {
  split: SplitName;
  reason: CutoffReason;
  tokens: number;
  id: string;
  seed_id: string;
}

export interface PairCutoff {
  kept: Record<SplitName, PreferencePair[]>;
  dropped: DroppedPair[];
  droppedBySplit: Record<SplitName, Partial<Record<CutoffReason, number>>>;
  longestKept: number;
}

/**
 * The SFT cutoff rule for pairs: LLaMA-Factory's pairwise processor cuts prompt + the longer
 * answer to `cutoff_len` (`infer_seqlen(len(prompt), max(len(chosen), len(rejected)))`), so a
 * pair is kept only when that sum fits; the shorter answer then fits too.
 */
export function applyPairCutoff(pairs: PreferencePair[], tokenizer: StudentTokenizer, cutoffLen: number): PairCutoff {
  const kept = { train: [], val: [], test: [] } as Record<SplitName, PreferencePair[]>;
  const dropped: DroppedPair[] = [];
  const droppedBySplit = { train: {}, val: {}, test: {} } as PairCutoff['droppedBySplit'];
  let longestKept = 0;
  for (const pair of pairs) {
    const withAnswer = (answer: string): Conversation => ({ system: pair.conversation.system, turns: [{ user: pair.conversation.turns[pair.conversation.turns.length - 1].user, assistant: answer }] });
    const [chosen, rejected] = [tokenizer.lengthOf(withAnswer(pair.chosen)), tokenizer.lengthOf(withAnswer(pair.rejected))];
    const response = Math.max(chosen.response, rejected.response);
    const total = chosen.prompt + response;
    if (total <= cutoffLen) {
      kept[pair.split].push(pair);
      longestKept = Math.max(longestKept, total);
      continue;
    }
    const reason: CutoffReason = response > cutoffLen ? 'answer_over_cutoff' : 'sample_over_cutoff';
    droppedBySplit[pair.split][reason] = (droppedBySplit[pair.split][reason] ?? 0) + 1;
    dropped.push({ split: pair.split, reason, tokens: total, id: pair.meta.id, seed_id: pair.meta.seed_id });
  }
  return { kept, dropped, droppedBySplit, longestKept };
}

/**
 * Leak guard: a pair whose instruction is also an SFT sample's in another split (two seeds with
 * one prompt, or an official record carrying a seed's prompt) is dropped, so no val/test prompt
 * is trained on by either stage. Returns the pairs kept and how many were dropped, by split.
 */
export function dropCrossSplitPrompts(pairs: Record<SplitName, PreferencePair[]>, sft: Record<SplitName, Sample[]>): { kept: Record<SplitName, PreferencePair[]>; dropped: Record<SplitName, number> } {
  const splitsOfPrompt = new Map<string, Set<SplitName>>();
  for (const split of SPLITS) {
    for (const sample of sft[split]) {
      for (const turn of sample.conversation.turns) splitsOfPrompt.set(turn.user, (splitsOfPrompt.get(turn.user) ?? new Set()).add(split));
    }
  }
  const kept = { train: [], val: [], test: [] } as Record<SplitName, PreferencePair[]>;
  const dropped = { train: 0, val: 0, test: 0 };
  for (const split of SPLITS) {
    for (const pair of pairs[split]) {
      const elsewhere = [...(splitsOfPrompt.get(pair.conversation.turns[pair.conversation.turns.length - 1].user) ?? [])].some((other) => other !== split);
      if (elsewhere) dropped[split]++;
      else kept[split].push(pair);
    }
  }
  return { kept, dropped };
}

export interface PreferenceSetInput extends Omit<PreferenceInput, 'settings'> {
  workspace: Workspace;
  format: SftFormat;
  /** The SFT set as written (after cutoff), for the leak guard. */
  sft: Record<SplitName, Sample[]>;
  tokenizer: StudentTokenizer;
  cutoffLen: number;
}

/** What `dataset --preference` wrote, for the dataset report (`preference` section). */
export interface PreferenceReport {
  /** File names in the dataset folder (`data/sft_dataset/`). */
  files: Partial<Record<SplitName, string>>;
  manifest_file: string;
  /** Null when no pair is in train. */
  dpo_config_file: string | null;
  dataset_names: string[];
  settings: { min_score_gap: number; pairs_per_seed: number; score: string };
  pairs: Record<SplitName, number> & { total: number };
  seeds_with_pairs: Record<SplitName, number>;
  seeds_without_rejected: number;
  /** Written pairs by rejection reason, and by reason + detail (`failed_validation L1:L1_SYNTAX`). */
  by_reason: Record<string, number>;
  by_detail: Record<string, number>;
  /** Pairs built but not written. */
  dropped: { over_cutoff: Record<SplitName, Partial<Record<CutoffReason, number>>>; prompt_in_other_split: Record<SplitName, number> };
  /** Candidate answers not used as rejected ones, by why. */
  skipped_rejected: Record<string, number>;
  longest_kept: number;
}

/** Files of a preference set, so that a run without `--preference` removes a stale one. */
export function preferenceFiles(workspace: Workspace): string[] {
  return [...SPLITS.map((split) => workspace.preferenceSplitFile(split)), workspace.preferenceManifestFile, join(workspace.datasetDir, DPO_CONFIG_FILE)];
}

export function removePreferenceSet(workspace: Workspace): void {
  for (const file of preferenceFiles(workspace)) rmSync(file, { force: true });
}

/**
 * Build, cut and write the preference set: `preference_<split>.jsonl` (LLaMA-Factory ranking
 * format of `format`), `preference_manifest.jsonl` and `llamafactory_dpo.yaml`. Returns the
 * `dataset_info.json` entries to add and the report section. Call inside the dataset stage's
 * `writeTogether`, so these files switch in with the SFT ones.
 */
export function writePreferenceSet(input: PreferenceSetInput): { info: Record<string, DatasetInfoEntry>; report: PreferenceReport } {
  const { workspace, config, format, tokenizer, cutoffLen } = input;
  const settings = { minScoreGap: config.dataset.preference_min_score_gap, pairsPerSeed: config.dataset.preference_pairs_per_seed };
  const built = buildPreferencePairs({ ...input, settings });
  const cut = applyPairCutoff(built.pairs, tokenizer, cutoffLen);
  const guarded = dropCrossSplitPrompts(cut.kept, input.sft);
  const kept = guarded.kept;
  const written = SPLITS.filter((split) => kept[split].length);
  const files: Partial<Record<SplitName, string>> = {};
  for (const split of SPLITS) {
    const file = workspace.preferenceSplitFile(split);
    if (!kept[split].length) {
      rmSync(file, { force: true });
      continue;
    }
    const records = kept[split].map((pair) => {
      const record = encodePair(pair.conversation, pair.chosen, pair.rejected, format);
      const problem = preferenceProblem(record, format);
      if (problem) throw new WorkError(`preference pair ${pair.meta.id} (seed ${pair.meta.seed_id}) would be dropped by LLaMA-Factory: ${problem}`);
      return record;
    });
    writeJsonlAtomic(file, records);
    files[split] = basename(file);
  }
  writeJsonlAtomic(
    workspace.preferenceManifestFile,
    SPLITS.flatMap((split) => kept[split].map((pair, index) => ({ split, index, ...pair.meta }))),
  );
  const info = preferenceInfo(config.dataset.name, written, format);
  const names = Object.fromEntries(written.map((split) => [split, `${config.dataset.name}_pref_${split}`])) as Partial<Record<SplitName, string>>;
  const dpoFile = join(workspace.datasetDir, DPO_CONFIG_FILE);
  if (names.train) {
    const datasetDir = relative(workspace.root, workspace.datasetDir).split('\\').join('/') || '.';
    writeFileAtomic(dpoFile, dpoConfigYaml({ datasetNames: names, datasetDir, spec: tokenizer.spec, cutoffLen, longestKept: cut.longestKept, name: config.dataset.name, trainSamples: kept.train.length }));
  } else {
    rmSync(dpoFile, { force: true });
    logger.warn(`no preference pair in train: ${DPO_CONFIG_FILE} not written`);
  }
  const all = SPLITS.flatMap((split) => kept[split]);
  const overCutoff = cut.dropped.length;
  if (overCutoff) logger.warn(`${overCutoff} preference pairs longer than cutoff_len ${cutoffLen} (prompt + longer answer, ${tokenizer.name} tokens) dropped, not truncated`);
  const crossSplit = SPLITS.reduce((n, split) => n + guarded.dropped[split], 0);
  if (crossSplit) logger.warn(`${crossSplit} preference pairs dropped: their instruction is also an SFT sample's in another split`);
  const report: PreferenceReport = {
    files,
    manifest_file: basename(workspace.preferenceManifestFile),
    dpo_config_file: names.train ? DPO_CONFIG_FILE : null,
    dataset_names: Object.keys(info),
    settings: {
      min_score_gap: settings.minScoreGap,
      pairs_per_seed: settings.pairsPerSeed,
      score: 'the select score (select.weights) of both answers, recomputed without the judge part',
    },
    pairs: { total: all.length, ...(Object.fromEntries(SPLITS.map((split) => [split, kept[split].length])) as Record<SplitName, number>) },
    seeds_with_pairs: Object.fromEntries(SPLITS.map((split) => [split, new Set(kept[split].map((pair) => pair.meta.seed_id)).size])) as Record<SplitName, number>,
    seeds_without_rejected: built.seedsWithoutRejected,
    by_reason: tally(all.map((pair) => pair.meta.reason)),
    by_detail: tally(all.map((pair) => (pair.meta.reason === 'score_gap' ? 'score_gap' : `${pair.meta.reason} ${pair.meta.reason_detail}`))),
    dropped: { over_cutoff: cut.droppedBySplit, prompt_in_other_split: guarded.dropped },
    skipped_rejected: built.skipped,
    longest_kept: cut.longestKept,
  };
  return { info, report };
}
