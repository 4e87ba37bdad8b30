import { readFileSync, statSync } from 'node:fs';
import {
  writeJsonlStreaming,
  InputError,
  StageTimer,
  phaserOf,
  logger,
  tally,
  writeStageReport,
  type Config,
  type Workspace,
} from '../core/index.js';
import { apiDocSchema } from '../schemas/index.js';
import { dropReason, toApiRecord, type ApiRecord, type Doclet } from './doclets.js';

export interface ApiIndexBuildResult {
  file: string;
  records: number;
  phaser_version: string;
  counts_by_kind: Record<string, number>;
  dropped: Record<string, number>;
  inherited_links: number;
  timings_ms: { read: number; parse: number; transform: number; write: number; total: number };
  report_file: string;
}

/** Read `types/phaser.json`; a file that is not a doclet array is bad input. */
function readDoclets(file: string): { doclets: Doclet[]; readMs: number; parseMs: number } {
  const started = performance.now();
  const text = readFileSync(file, 'utf8');
  const readMs = performance.now() - started;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError({ file }, `not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new InputError({ file }, 'expected a JSON array of JSDoc doclets');
  parsed.forEach((doclet, i) => {
    const d = doclet as Partial<Doclet>;
    if (typeof d?.longname !== 'string' || typeof d.kind !== 'string' || typeof d.name !== 'string') {
      throw new InputError({ file, field: `[${i}].longname` }, 'doclet without longname/kind/name');
    }
  });
  return { doclets: parsed as Doclet[], readMs, parseMs: performance.now() - started - readMs };
}

/**
 * Public, documented doclets as API records, each member once. Inherited copies are folded into
 * `inherited_by` on the member they come from (following chains of inherited copies to the root).
 */
export function recordsFromDoclets(doclets: Doclet[]): { records: ApiRecord[]; dropped: Record<string, number>; inheritedLinks: number } {
  const dropped: string[] = [];
  const kept = new Map<string, ApiRecord>();
  const inheritedBy = new Map<string, Set<string>>();
  const inheritedDoclets = new Map<string, Doclet>();

  for (const doclet of doclets) {
    const reason = dropReason(doclet);
    if (reason === 'inherited') {
      inheritedDoclets.set(doclet.longname, doclet);
      continue;
    }
    if (reason) {
      dropped.push(reason);
      continue;
    }
    const existing = kept.get(doclet.longname);
    // Two own doclets share a longname only for a namespace that is also a class or function
    // (`Phaser.Display.Color`); the callable one is what code uses.
    if (existing && existing.kind !== 'namespace') {
      dropped.push('duplicate');
      continue;
    }
    if (existing) dropped.push('duplicate');
    kept.set(doclet.longname, toApiRecord(doclet));
  }

  let inheritedLinks = 0;
  for (const doclet of inheritedDoclets.values()) {
    if (kept.has(doclet.longname)) continue; // the subclass documents its own version
    let root = doclet.inherits;
    for (let hops = 0; root && !kept.has(root) && inheritedDoclets.has(root) && hops < 10; hops++) root = inheritedDoclets.get(root)!.inherits;
    if (!root || !kept.has(root) || !doclet.memberof) {
      dropped.push('inherited_from_dropped');
      continue;
    }
    let classes = inheritedBy.get(root);
    if (!classes) inheritedBy.set(root, (classes = new Set()));
    classes.add(doclet.memberof);
    inheritedLinks++;
  }
  for (const [root, classes] of inheritedBy) kept.get(root)!.inherited_by = [...classes].sort();

  const records = [...kept.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { records, dropped: tally(dropped), inheritedLinks };
}

/** `api-index build`: phaser's doclets → `data/api_index/phaser_api.jsonl` (atomic) + `api_index_report.json`. */
export function buildApiIndex(workspace: Workspace, config: Config): ApiIndexBuildResult {
  const timer = new StageTimer('api_index');
  const phaser = phaserOf(config);
  logger.info(`reading ${phaser.docletsFile} (phaser ${phaser.version}, ${(statSync(phaser.docletsFile).size / 1e6).toFixed(1)} MB)`);
  const { doclets, readMs, parseMs } = readDoclets(phaser.docletsFile);

  const transformStarted = performance.now();
  const { records, dropped, inheritedLinks } = recordsFromDoclets(doclets);
  const transformMs = performance.now() - transformStarted;

  const writeStarted = performance.now();
  const file = workspace.apiIndexFile;
  writeJsonlStreaming(file, (writer) => {
    for (const record of records) {
      const checked = apiDocSchema.safeParse(record);
      if (!checked.success) throw new Error(`record ${record.id} breaks the api doc schema: ${checked.error.issues[0]?.message}`);
      writer.write(record);
    }
  });
  const writeMs = performance.now() - writeStarted;

  const countsByKind = tally(records.map((r) => r.kind));
  const round = (ms: number) => Math.round(ms);
  const timings = { read: round(readMs), parse: round(parseMs), transform: round(transformMs), write: round(writeMs), total: timer.elapsedMs() };
  const reportFile = writeStageReport(workspace, 'api_index', {
    stage: 'api_index',
    duration_ms: timings.total,
    counts: { doclets: doclets.length, records: records.length, inherited_links: inheritedLinks, ...prefixed('kind_', countsByKind), ...prefixed('dropped_', dropped) },
    settings: { phaser_dir: phaser.dir, phaser_version: phaser.version, source: phaser.docletsFile },
    counts_by_kind: countsByKind,
    dropped,
    timings_ms: timings,
    output: file,
  });
  logger.info(`wrote ${records.length} API records to ${file} in ${(timings.total / 1000).toFixed(1)}s`);
  return {
    file,
    records: records.length,
    phaser_version: phaser.version,
    counts_by_kind: countsByKind,
    dropped,
    inherited_links: inheritedLinks,
    timings_ms: timings,
    report_file: reportFile,
  };
}

function prefixed(prefix: string, counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).map(([key, value]) => [prefix + key, value]));
}
