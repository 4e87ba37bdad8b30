// `eval build`: iid prompts from held-out seeds, ood prompts from held-out genres and unseen
// mechanic pairs (written in phrasings the seeds never use), a human-review subset with a
// rubric, and decontamination against the training set both ways.
import { existsSync } from 'node:fs';
import {
  InputError,
  StageTimer,
  charShingles,
  dedupe,
  logger,
  normalizeText,
  readJsonlValues,
  stableHash,
  tally,
  writeJsonlAtomic,
  writeStageReport,
  type Config,
  type StageReportBase,
  type Workspace,
} from '../core/index.js';
import { seedSchema, type Seed } from '../schemas/index.js';
import { findContamination, type Contamination } from './decontaminate.js';
import { seedMembership } from './heldOut.js';
import { humanSet } from './humanSet.js';
import { draftOodPrompts, mechanicPairs, shuffled } from './oodPrompts.js';
import type { EvalPromptRecord } from './records.js';
import { readSplitTexts } from './trainingText.js';

export interface EvalBuildResult {
  iid: number;
  ood: number;
  human: number;
  removed: Record<string, number>;
  files: { prompts: string; human: string; report: string };
}

/** One removed eval prompt shown as an example in the build report. */
export interface RemovedExample {
  /** The eval prompt that was removed. */
  prompt: string;
  /** `iid` or `ood`. */
  split: string;
  /** What it matched: a training sample (`train:<line>`) or a seed (`seed <id>`). */
  matched: string;
  /** Estimated Jaccard similarity, for MinHash matches. */
  similarity?: number;
}

/** `data/eval/reports/eval_set_build_report.json`, written by `eval build`. */
export interface EvalSetBuildReport extends StageReportBase {
  stage: 'eval build';
  counts: {
    /** Seeds read. */
    seeds: number;
    /** Seeds with a sample in train or val. */
    seeds_trained: number;
    /** Seeds whose samples are all in test. */
    seeds_test_only: number;
    /** Eval prompts drafted before deduplication and decontamination. */
    candidates: number;
    /** Drafts removed (duplicates within the pool and contamination). */
    removed_total: number;
    /** In-distribution prompts written (from held-out seeds). */
    iid: number;
    /** Out-of-distribution prompts written (held-out genres, unseen mechanic pairs). */
    ood: number;
    /** Of `ood`, taken from held-out seeds. */
    ood_from_seeds: number;
    /** Of `ood`, written from templates. */
    ood_written: number;
    /** Prompts in the human-review subset. */
    human: number;
  };
  /** The `eval` config section the set was built with (without `infer`). */
  settings: Record<string, unknown>;
  decontamination: {
    /** The splits checked against. */
    against: string[];
    /** Training samples read, by split. */
    samples_checked: Record<string, number>;
    /** Removed prompts by reason (`prompt_exact`, `prompt_ngram`, `prompt_minhash`, `answer_ngram`, `seed_phrasing`, `eval_duplicates`). */
    removed: Record<string, number>;
    /** Up to five removed prompts per reason. */
    examples: Record<string, RemovedExample[]>;
    /** The rule, in words. */
    rule: string;
  };
  /** Dataset samples whose seed could not be found, by split. */
  membership: { unmatched_samples: Record<string, number> };
  /** Held-out (ood) genres that nevertheless have seeds in train/val, with how many. */
  ood_genres_in_train: Record<string, number>;
  /** How many iid / ood prompts short of the configured counts the set is. */
  shortfall: { iid: number; ood: number };
  /** Prompts by split, by split/language, by genre and by ood kind. */
  distributions: { split: Record<string, number>; lang: Record<string, number>; genre: Record<string, number>; ood_kind: Record<string, number> };
}

const EXAMPLES_PER_REASON = 5;

function evalId(prompt: string): string {
  return `ev_${stableHash(normalizeText(prompt), 12)}`;
}

function fromSeed(seed: Seed, split: 'iid' | 'ood'): EvalPromptRecord {
  return {
    id: evalId(seed.prompt),
    prompt: seed.prompt,
    lang: seed.lang,
    genre: seed.genre,
    split,
    mechanics: seed.mechanics,
    difficulty: seed.difficulty,
    source: 'seed',
    seed_id: seed.id,
    ood_kind: split === 'ood' ? 'held_out_genre' : null,
  };
}

/** Round robin over (lang, genre) buckets, each bucket in hashed order: a spread, deterministic sample. */
function stratified(records: EvalPromptRecord[], randomSeed: number): EvalPromptRecord[] {
  const buckets = new Map<string, EvalPromptRecord[]>();
  for (const record of shuffled(records, randomSeed, (r) => r.id)) {
    const key = `${record.lang}/${record.genre}`;
    buckets.set(key, [...(buckets.get(key) ?? []), record]);
  }
  const queues = shuffled([...buckets.keys()], randomSeed, (k) => k).map((k) => buckets.get(k)!);
  const out: EvalPromptRecord[] = [];
  for (let i = 0; queues.some((q) => i < q.length); i++) for (const queue of queues) if (i < queue.length) out.push(queue[i]);
  return out;
}

/** Build the eval sets. Needs the seeds and the dataset's splits (to hold out and decontaminate). */
export async function buildEvalSet(workspace: Workspace, config: Config): Promise<EvalBuildResult> {
  const timer = new StageTimer('eval_build');
  const settings = config.eval;
  if (!existsSync(workspace.seedsFile)) throw new InputError({ file: workspace.seedsFile }, 'no seeds: run `phaser-sft seeds build` first');
  if (!existsSync(workspace.splitFile('train'))) throw new InputError({ file: workspace.splitFile('train') }, 'no training split: run `phaser-sft dataset` first (eval prompts are held out of it)');
  const seeds = await readJsonlValues(workspace.seedsFile, { schema: seedSchema });
  const membership = await seedMembership(workspace, seeds);
  const oodGenres = new Set(settings.ood_genres);

  const trainedSeeds = seeds.filter((s) => membership.trained.has(s.id));
  const heldOutSeeds = seeds.filter((s) => !membership.trained.has(s.id));
  const oodGenreLeaks = tally(trainedSeeds.filter((s) => oodGenres.has(s.genre)).map((s) => s.genre));
  for (const [genre, n] of Object.entries(oodGenreLeaks)) {
    logger.warn(`OOD genre "${genre}" has ${n} seed(s) in train/val: the dataset stage should hold eval.ood_genres out of training; those seeds are not used as OOD prompts`);
  }

  // Test-split seeds first (held out by the dataset's own group split), then seeds in no split.
  const iidPool = [
    ...stratified(heldOutSeeds.filter((s) => membership.testOnly.has(s.id) && !oodGenres.has(s.genre)).map((s) => fromSeed(s, 'iid')), settings.random_seed),
    ...stratified(heldOutSeeds.filter((s) => !membership.testOnly.has(s.id) && !oodGenres.has(s.genre)).map((s) => fromSeed(s, 'iid')), settings.random_seed),
  ];
  const oodSeedPool = stratified(heldOutSeeds.filter((s) => oodGenres.has(s.genre)).map((s) => fromSeed(s, 'ood')), settings.random_seed);
  const trainedCombos = new Set(trainedSeeds.flatMap((s) => mechanicPairs(s.mechanics)));
  const trainedGenres = [...new Set(trainedSeeds.map((s) => s.genre))].filter((g) => !oodGenres.has(g)).sort();
  const drafts = draftOodPrompts({ oodGenres: [...oodGenres], trainedGenres, trainedCombos, count: settings.ood_count, randomSeed: settings.random_seed });
  const oodDraftPool: EvalPromptRecord[] = drafts.map((d) => ({
    id: evalId(d.prompt),
    prompt: d.prompt,
    lang: d.lang,
    genre: d.genre,
    split: 'ood',
    mechanics: d.mechanics,
    difficulty: null,
    source: 'template',
    seed_id: null,
    ood_kind: d.ood_kind,
  }));

  // Exact and near-duplicates within the eval pool (a held-out seed may repeat another).
  const pool = dedupe([...iidPool, ...oodSeedPool, ...oodDraftPool], { shingles: (r) => charShingles(r.prompt, 5), threshold: 0.8, exactKey: (r) => normalizeText(r.prompt) });

  // Decontaminate against everything the student is trained or tuned on (train and val).
  const contamination = await findContamination(
    pool.kept.map((r) => r.prompt),
    readSplitTexts(workspace, ['train', 'val']),
    settings.decontamination,
  );
  // Written prompts must also be phrasings not in the seeds (any seed, trained or not).
  const draftIndexes = pool.kept.map((r, i) => (r.source === 'template' ? i : -1)).filter((i) => i !== -1);
  const seedOverlap = await findContamination(
    draftIndexes.map((i) => pool.kept[i].prompt),
    seeds.map((s) => ({ prompt: s.prompt, answer: '', where: `seed ${s.id}` })),
    settings.decontamination,
  );
  const removedBy = new Map<number, Contamination | { reason: 'seed_phrasing'; where: string; similarity?: number }>(contamination);
  for (const [j, hit] of seedOverlap) if (!removedBy.has(draftIndexes[j])) removedBy.set(draftIndexes[j], { ...hit, reason: 'seed_phrasing' });

  const clean = pool.kept.filter((_, i) => !removedBy.has(i));
  const iid = clean.filter((r) => r.split === 'iid').slice(0, settings.iid_count);
  const oodSeeds = clean.filter((r) => r.split === 'ood' && r.source === 'seed').slice(0, Math.ceil(settings.ood_count / 2));
  const oodWritten = clean.filter((r) => r.split === 'ood' && r.source === 'template').slice(0, settings.ood_count - oodSeeds.length);
  const prompts = [...iid, ...oodSeeds, ...oodWritten];
  const human = humanSet(prompts, settings.human_count);

  writeJsonlAtomic(workspace.evalPromptsFile, prompts);
  writeJsonlAtomic(workspace.humanPromptsFile, human);

  const removedReasons = [...removedBy.values()].map((c) => c.reason);
  const examples: Record<string, RemovedExample[]> = {};
  for (const [index, hit] of removedBy) {
    const list = (examples[hit.reason] ??= []);
    if (list.length < EXAMPLES_PER_REASON) list.push({ prompt: pool.kept[index].prompt, split: pool.kept[index].split, matched: hit.where, similarity: hit.similarity });
  }
  const removed = { ...tally(removedReasons), eval_duplicates: pool.removed.length };
  const shortfall = {
    iid: Math.max(0, settings.iid_count - iid.length),
    ood: Math.max(0, settings.ood_count - oodSeeds.length - oodWritten.length),
  };
  if (shortfall.iid) logger.warn(`only ${iid.length} of ${settings.iid_count} iid prompts: too few held-out seeds (add seeds, or lower eval.iid_count)`);
  const report = writeStageReport<EvalSetBuildReport>(
    workspace,
    'eval_set_build',
    {
      stage: 'eval build',
      duration_ms: timer.elapsedMs(),
      counts: {
        seeds: seeds.length,
        seeds_trained: membership.trained.size,
        seeds_test_only: membership.testOnly.size,
        candidates: pool.kept.length + pool.removed.length,
        removed_total: removedBy.size + pool.removed.length,
        iid: iid.length,
        ood: oodSeeds.length + oodWritten.length,
        ood_from_seeds: oodSeeds.length,
        ood_written: oodWritten.length,
        human: human.length,
      },
      settings: { ...settings, infer: undefined },
      decontamination: {
        against: ['train', 'val'],
        samples_checked: membership.samples,
        removed,
        examples,
        rule: 'eval prompt vs train prompts: exact, n-gram overlap, MinHash (char 5-grams); train answers vs eval prompt: n-gram overlap; written prompts vs every seed',
      },
      membership: { unmatched_samples: membership.unmatched },
      ood_genres_in_train: oodGenreLeaks,
      shortfall,
      distributions: {
        split: tally(prompts.map((p) => p.split)),
        lang: tally(prompts.map((p) => `${p.split}/${p.lang}`)),
        genre: tally(prompts.map((p) => p.genre)),
        ood_kind: tally(prompts.filter((p) => p.ood_kind).map((p) => p.ood_kind!)),
      },
    },
    { path: workspace.evalBuildReportFile },
  );
  return {
    iid: iid.length,
    ood: oodSeeds.length + oodWritten.length,
    human: human.length,
    removed,
    files: { prompts: workspace.evalPromptsFile, human: workspace.humanPromptsFile, report },
  };
}
