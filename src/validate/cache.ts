// The validator cache: one verdict per (code_hash, validator_version), append-only and fsynced,
// so a killed run loses at most the verdict being written and a rerun re-validates nothing cached.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BadLines, JsonlAppender, readJsonlSync, type Shard, type Workspace } from '../core/index.js';
import { validationSchema, type Validation } from '../schemas/index.js';

const CACHE_FILE = /^validator_cache(\.shard-\d+-of-\d+)?\.jsonl$/;

function key(codeHash: string, version: string): string {
  return `${codeHash}\u0000${version}`;
}

export class ValidatorCache {
  private readonly entries = new Map<string, Validation>();
  private appender: JsonlAppender | undefined;

  /**
   * Reads every cache file of the workspace (the shared one and each shard's, so shards
   * validated elsewhere count), and appends to this run's own file.
   */
  constructor(private readonly file: string) {
    const dir = dirname(file);
    const files = existsSync(dir) ? readdirSync(dir).filter((name) => CACHE_FILE.test(name)) : [];
    // This run's file last: its entries win.
    files.sort((a, b) => Number(a === basename(file)) - Number(b === basename(file)) || a.localeCompare(b));
    // A damaged line (edited by hand, disk fault) costs one re-validation, never the run.
    const bad = new BadLines('those games are validated again');
    for (const name of files) {
      for (const row of readJsonlSync(join(dir, name), { schema: validationSchema, onBadLine: bad.add })) this.entries.set(key(row.value.code_hash, row.value.validator_version), row.value);
    }
    bad.report('validator cache');
    this.damaged = bad.count;
  }

  /** Lines of the cache files that were damaged and skipped. */
  readonly damaged: number;

  static forWorkspace(workspace: Workspace, shard?: Shard): ValidatorCache {
    return new ValidatorCache(workspace.validatorCacheFile(shard));
  }

  get size(): number {
    return this.entries.size;
  }

  get(codeHash: string, version: string): Validation | undefined {
    return this.entries.get(key(codeHash, version));
  }

  /** Record a verdict (once per key). Verdicts with unavailable levels are never cached. */
  put(validation: Validation): void {
    if (validation.unavailable_levels?.length) return;
    const k = key(validation.code_hash, validation.validator_version);
    if (this.entries.has(k)) return;
    this.entries.set(k, validation);
    this.appender ??= new JsonlAppender(this.file);
    this.appender.append(validation);
  }

  close(): void {
    this.appender?.close();
  }
}
