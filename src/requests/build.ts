// `requests`: every seed × samples_per_seed becomes a teacher request whose system prompt
// carries the API context retrieved for that seed. Output is byte-identical across reruns.
import { existsSync } from 'node:fs';
import {
  LANGS,
  writeJsonlStreaming,
  InputError,
  Progress,
  StageTimer,
  distribution,
  readJsonlSync,
  stableHash,
  tally,
  writeStageReport,
  promptForLine,
  logger,
  type Config,
  type PhaserLine,
  type Workspace,
} from '../core/index.js';
import { buildApiContext, buildToolkit, loadApiIndex, resolveUsagePrior, workspacePriorFile, indexPhaserVersion, type ApiContext, type ApiIndex, type Toolkit } from '../apiIndex/index.js';
import { resampleSchema, seedSchema, type RepairOf, type Resample, type Seed, type TeacherRequest } from '../schemas/index.js';
import { repairCode, repairUserMessage } from './repair.js';
import { coverageReport, mechanicJudges, mechanicsCoverage, type Coverage } from './coverage.js';
import { fillTemplate, loadSystemTemplate, resolveTemplateFile, type SystemTemplate } from './template.js';

/** A retrieval is weak when it brings fewer docs than this, … */
const WEAK_MIN_REFS = 5;
/** … fills less than this share of the token budget, … */
const WEAK_BUDGET_SHARE = 0.25;
/** … or covers less than this share of the seed's judgeable mechanics (./coverage.ts). */
const WEAK_COVERAGE = 0.5;
/** Seeds listed by name in the report per problem kind (the counts cover all). */
const LISTED = 50;

/**
 * A request record as written: the contract's fields plus the generation settings (null: left
 * to the teacher's config) and the seed's tags.
 */
export interface RequestRecord extends TeacherRequest {
  max_tokens: number | null;
  temperature: number | null;
  lang: Seed['lang'];
  genre: string;
  difficulty: Seed['difficulty'];
  mechanics: string[];
  seed_source: Seed['source'];
}

/** What a request's id covers: everything the request asks a teacher for, nothing about which teacher. */
export interface SentContent {
  system: string;
  user: string;
  sample_index: number;
  max_tokens: number | null;
  temperature: number | null;
}

/** Stable id of a request: sha256 (first 24 hex) of the canonical JSON of what is sent. */
export function requestId(sent: SentContent): string {
  return stableHash({ system: sent.system, user: sent.user, sample_index: sent.sample_index, max_tokens: sent.max_tokens, temperature: sent.temperature }, 24);
}

export interface RequestsBuildOptions {
  /** Override of `requests.samples_per_seed`. */
  samplesPerSeed?: number;
  quiet?: boolean;
}

export interface RequestsBuildResult {
  file: string;
  report: string;
  counts: { seeds: number; held_out_ood: number; requests: number; samples_per_seed: number; later_round_requests: number; repair_requests: number; empty_retrieval: number; weak_retrieval: number; distinct_apis: number; coverage_warnings: number };
}

export interface GenerationSettings {
  samples: number;
  maxTokens: number | null;
  temperature: number | null;
  /** Config `phaser.version`: the line the games are asked for. */
  phaserLine?: PhaserLine;
}

/** What a later round's request changes of a plain sample (rounds_plan.jsonl, with the repair's user message). */
interface LaterRound {
  round: number;
  user?: string;
  maxTokens?: number;
  repairOf?: RepairOf;
}

/** One request record: sample `sampleIndex` of a seed, given the filled system prompt. */
export function requestRecord(seed: Seed, context: ApiContext, system: string, sampleIndex: number, settings: GenerationSettings, later?: LaterRound): RequestRecord {
  const user = later?.user ?? seed.prompt;
  const maxTokens = later?.maxTokens ?? settings.maxTokens;
  const sent: SentContent = { system, user, sample_index: sampleIndex, max_tokens: maxTokens, temperature: settings.temperature };
  return {
    request_id: requestId(sent),
    seed_id: seed.id,
    sample_index: sampleIndex,
    system,
    user,
    api_refs: context.api_refs,
    api_context_tokens: context.tokens,
    max_tokens: maxTokens,
    temperature: settings.temperature,
    phaser_version: settings.phaserLine ?? '3',
    lang: seed.lang,
    genre: seed.genre,
    difficulty: seed.difficulty,
    mechanics: seed.mechanics,
    seed_source: seed.source,
    ...(later ? { round: later.round } : {}),
    ...(later?.repairOf ? { repair_of: later.repairOf } : {}),
  };
}

/**
 * The request records of one seed, its API context already built (once, for all samples). The
 * toolkit goes into the static part of the system prompt and its ids into `api_refs` first.
 */
export function requestsForSeed(seed: Seed, context: ApiContext, template: SystemTemplate, settings: GenerationSettings, toolkit?: Toolkit, later: (Resample & { user?: string })[] = []): RequestRecord[] {
  const system = promptForLine(fillTemplate(template, context.text, toolkit?.text), settings.phaserLine ?? '3');
  const injected: ApiContext = toolkit ? { ...context, api_refs: [...toolkit.api_refs, ...context.api_refs] } : context;
  const first = Array.from({ length: settings.samples }, (_, sample) => requestRecord(seed, injected, system, sample, settings));
  const rounds = later.map((r) => requestRecord(seed, injected, system, r.sample_index, settings, { round: r.round, user: r.user, maxTokens: r.max_tokens, repairOf: r.repair_of }));
  return [...first, ...rounds];
}

/**
 * The requests later rounds of `run --rounds` added (rounds_plan.jsonl), by seed, in sample
 * order; a repair's user message is built here (the failed code is read from codes/).
 */
function laterRounds(workspace: Workspace, seeds: Map<string, Seed>): Map<string, (Resample & { user?: string })[]> {
  const file = workspace.roundsPlanFile;
  const bySeed = new Map<string, (Resample & { user?: string })[]>();
  if (!existsSync(file)) return bySeed;
  for (const { value: entry, line } of readJsonlSync(file, { schema: resampleSchema })) {
    const seed = seeds.get(entry.seed_id);
    if (!seed) {
      logger.warn(`${file}:${line}: seed ${entry.seed_id} is not among the seeds sent; its later-round request is left out`);
      continue;
    }
    const user = entry.repair_of ? repairUserMessage(seed, repairCode(workspace, entry.repair_of, file), entry.repair_of.issues) : undefined;
    const list = bySeed.get(seed.id) ?? [];
    list.push({ ...entry, user });
    bySeed.set(seed.id, list);
  }
  for (const list of bySeed.values()) list.sort((a, b) => a.sample_index - b.sample_index);
  return bySeed;
}

/** The core toolkit a workspace's requests carry: its API index, its usage prior (or the bundled one), its Phaser version. */
export function workspaceToolkit(workspace: Workspace, config: Config, index: ApiIndex): Toolkit {
  const prior = resolveUsagePrior(workspacePriorFile(workspace));
  index.useUsagePrior(prior);
  return buildToolkit(index, prior, indexPhaserVersion(workspace, config));
}

/** Read the seeds file (exit 2 with a hint when it is missing). */
export function loadSeeds(workspace: Workspace): Seed[] {
  const file = workspace.seedsFile;
  try {
    return readJsonlSync(file, { schema: seedSchema }).map((row) => row.value);
  } catch (error) {
    if (error instanceof InputError && error.message.endsWith('file not found')) throw new InputError({ file }, 'no seeds yet; run `phaser-sft seeds build` first');
    throw error;
  }
}

/**
 * The genres whose seeds get no teacher request: `eval.ood_genres` when `dataset` holds them out
 * of training and `requests.distill_ood_genres` is off (answers for them would be paid and dropped).
 */
export function heldOutOodGenres(config: Config): Set<string> {
  return new Set(config.dataset.hold_out_ood_genres && !config.requests.distill_ood_genres ? config.eval.ood_genres : []);
}

/** Build requests.jsonl and distill_requests_report.json for a workspace. */
export function buildRequests(workspace: Workspace, config: Config, options: RequestsBuildOptions = {}): RequestsBuildResult {
  const timer = new StageTimer('requests');
  const template = loadSystemTemplate(resolveTemplateFile(workspace, config));
  const oodGenres = heldOutOodGenres(config);
  const allSeeds = loadSeeds(workspace);
  const seeds = allSeeds.filter((seed) => !oodGenres.has(seed.genre));
  const heldOut = allSeeds.filter((seed) => oodGenres.has(seed.genre));
  const index: ApiIndex = loadApiIndex(workspace.apiIndexFile);
  const settings: GenerationSettings = {
    samples: options.samplesPerSeed ?? config.requests.samples_per_seed,
    maxTokens: config.requests.max_tokens ?? null,
    temperature: config.requests.temperature ?? null,
    phaserLine: config.phaser.version,
  };
  const budget = config.api_index.context_token_budget;
  const topK = config.api_index.top_k;
  const toolkit = workspaceToolkit(workspace, config, index);
  const exclude = new Set(toolkit.api_refs);
  const judges = mechanicJudges(index.gameUsagePrior, seeds.flatMap((seed) => seed.mechanics));
  const later = laterRounds(workspace, new Map(seeds.map((seed) => [seed.id, seed])));
  const laterCount = [...later.values()].reduce((sum, list) => sum + list.length, 0);
  const repairCount = [...later.values()].reduce((sum, list) => sum + list.filter((r) => r.repair_of).length, 0);

  const progress = new Progress({ label: 'requests', total: seeds.length, quiet: options.quiet, unit: 'seed' });
  const perSeed: { seed: Seed; refs: number; tokens: number; coverage: Coverage; retrieved: string[] }[] = [];
  const apiUse: string[] = [];
  let requestCount = 0;
  try {
    requestCount = writeJsonlStreaming(workspace.requestsFile, (writer) => {
      for (const seed of seeds) {
        // The context depends on the seed only: retrieve and pack once, reuse for every sample.
        const context = buildApiContext(index, { query: seed.prompt, mechanics: seed.mechanics, tokenBudget: budget, topK, exclude });
        for (const record of requestsForSeed(seed, context, template, settings, toolkit, later.get(seed.id))) writer.write(record);
        const injected = [...toolkit.api_refs, ...context.api_refs];
        perSeed.push({ seed, refs: context.api_refs.length, tokens: context.tokens, coverage: mechanicsCoverage(seed.mechanics, injected, judges), retrieved: context.api_refs });
        apiUse.push(...context.api_refs);
        progress.tick();
      }
      return writer.count;
    });
  } finally {
    progress.finish();
  }

  const coverage = coverageReport(
    index,
    perSeed.map((s) => ({ mechanics: s.seed.mechanics, retrieved: s.retrieved, injected: [...toolkit.api_refs, ...s.retrieved] })),
    judges,
    toolkit,
  );
  for (const warning of coverage.warnings) logger.warn(`requests coverage: ${warning}`);
  const empty = perSeed.filter((s) => s.refs === 0);
  const weak = perSeed.filter(
    (s) =>
      s.refs > 0 &&
      (s.refs < WEAK_MIN_REFS || s.tokens < budget * WEAK_BUDGET_SHARE || s.coverage.covered.length < s.coverage.judged.length * WEAK_COVERAGE),
  );
  const apiCounts = Object.entries(tally(apiUse));
  const counts = {
    seeds: seeds.length,
    held_out_ood: heldOut.length,
    requests: requestCount,
    samples_per_seed: settings.samples,
    later_round_requests: laterCount,
    repair_requests: repairCount,
    empty_retrieval: empty.length,
    weak_retrieval: weak.length,
    distinct_apis: apiCounts.length,
    coverage_warnings: coverage.warnings.length,
  };
  const listSeed = (s: (typeof perSeed)[number]) => ({
    seed_id: s.seed.id,
    lang: s.seed.lang,
    genre: s.seed.genre,
    prompt: s.seed.prompt,
    api_refs: s.refs,
    api_context_tokens: s.tokens,
    mechanics_not_covered: s.coverage.judged.filter((m) => !s.coverage.covered.includes(m)),
  });
  const report = writeStageReport(workspace, 'distill_requests', {
    stage: 'requests',
    duration_ms: timer.elapsedMs(),
    counts,
    settings: {
      samples_per_seed: settings.samples,
      max_tokens: settings.maxTokens,
      temperature: settings.temperature,
      context_token_budget: budget,
      top_k: topK,
      held_out_ood_genres: [...oodGenres],
      system_prompt_file: template.file,
      system_prompt_sha256: template.sha256,
      weak_retrieval: { min_refs: WEAK_MIN_REFS, min_budget_share: WEAK_BUDGET_SHARE, min_mechanics_coverage: WEAK_COVERAGE },
      request_id: 'sha256 of canonical JSON {system, user, sample_index, max_tokens, temperature}, first 24 hex',
    },
    held_out_ood: { seeds: heldOut.length, by_genre: tally(heldOut.map((seed) => seed.genre)) },
    api_context_tokens: distribution(perSeed.map((s) => s.tokens)),
    api_context_tokens_by_lang: Object.fromEntries(LANGS.map((lang) => [lang, distribution(perSeed.filter((s) => s.seed.lang === lang).map((s) => s.tokens))])),
    api_refs_per_seed: distribution(perSeed.map((s) => s.refs)),
    /** Template tokens + context tokens: an estimate (tokens of a concatenation are nearly additive). */
    system_tokens_estimate: distribution(perSeed.map((s) => template.tokens + s.tokens)),
    most_injected_apis: apiCounts.slice(0, 25).map(([id, seedCount]) => ({ id, seeds: seedCount })),
    least_injected_apis: apiCounts.slice(-25).reverse().map(([id, seedCount]) => ({ id, seeds: seedCount })),
    toolkit: { phaser_version: toolkit.phaser_version, tokens: toolkit.tokens, ids: toolkit.api_refs },
    coverage,
    empty_retrieval: empty.slice(0, LISTED).map(listSeed),
    weak_retrieval: weak.slice(0, LISTED).map(listSeed),
  });
  return { file: workspace.requestsFile, report, counts };
}
