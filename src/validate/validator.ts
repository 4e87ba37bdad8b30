// The validator: levels L1..L4 composed in order, one verdict record per game.
import type { Config, LevelName, PhaserLine } from '../core/index.js';
import { Workspace, phaserOf, stableHash } from '../core/index.js';
import type { Runtime, Validation } from '../schemas/index.js';
import type { LevelInput, ValidatorLevel } from './level.js';
import { createStaticLevels, staticSettingsFrom } from './levels.js';
import { inProcessRunner, type LevelResults, type StaticRunner } from './staticChecks.js';
import { workerPoolRunner } from './staticPool.js';
import { maxWorkers } from './runtime/processWatch.js';
import { hasErrors, skippedResult } from './issues.js';

export interface ValidatorOptions {
  config: Config;
  levels: LevelName[];
  /** Worker threads for the static levels; 0 or 1 runs them in this thread. */
  workers?: number;
  /** Where L4 keeps screenshots (null: none) and the workspace (its API index gives L2's "did you mean"). */
  screenshotDir?: string | null;
  workspaceRoot?: string | null;
}

/** The line of a package version ("4.2.1" → "4"; anything else → "3"). */
function lineOfVersion(version: string): PhaserLine {
  return version.startsWith('4.') ? '4' : '3';
}

/**
 * The validator version: every level's version plus the Phaser package version and line (the
 * cache key with the code hash), so a verdict under one line is never reused for the other.
 */
export function validatorVersion(levels: Pick<ValidatorLevel, 'name' | 'version'>[], phaserVersion: string, line: PhaserLine = lineOfVersion(phaserVersion)): string {
  return stableHash({ levels: levels.map((l) => [l.name, l.version]), phaser: phaserVersion, phaser_line: line }, 16);
}

/**
 * Validates games. Rules: L1 first, and when it fails every later level is skipped; L2 and L3
 * run on what parses; L4 runs only when L1–L3 raised no error (no browser time for broken
 * code). `passed` means every requested level ran and passed. A level that could not run for
 * lack of means (L4 without a browser) is listed in `unavailable_levels`: the record is not
 * passed, is not cached (it is re-run once a browser is there), and selection can tell it
 * apart from a failure.
 */
export class Validator {
  private constructor(
    readonly levels: LevelName[],
    readonly version: string,
    /** The Phaser line games are checked against (each record's `phaser_version`). */
    readonly phaserLine: PhaserLine,
    private readonly staticRunner: StaticRunner,
    private readonly runtimeLevel: ValidatorLevel | undefined,
  ) {}

  /** The browser L4 runs in (null: none found, so L4 is skipped); undefined without L4. */
  get browser(): string | null | undefined {
    return this.runtimeLevel ? (this.runtimeLevel.browser ?? null) : undefined;
  }

  static async create(options: ValidatorOptions): Promise<Validator> {
    const phaser = phaserOf(options.config);
    const apiIndexFile = options.workspaceRoot ? new Workspace(options.workspaceRoot).apiIndexFile : undefined;
    const settings = staticSettingsFrom(options.config, options.levels, apiIndexFile);
    // `--workers` is bounded by the machine (cores, memory at the renderer limit): a huge count is not a fork bomb
    const workers = Math.min(Math.max(1, options.workers ?? 1), maxWorkers());
    const pooled = workers > 1 && settings.levels.includes('L2');
    // Pooled, this thread's levels only give their versions: no API index to load here.
    const staticLevels = createStaticLevels(pooled ? { ...settings, apiIndexFile: undefined } : settings);
    const staticRunner = pooled ? workerPoolRunner(settings, workers) : inProcessRunner(staticLevels);
    let runtimeLevel: ValidatorLevel | undefined;
    if (options.levels.includes('L4')) {
      try {
        // Loaded only when L4 is requested, so L1–L3 never need a browser (nor playwright).
        const runtime = await import('./runtime/index.js');
        runtimeLevel = await runtime.createRuntimeLevel({
          settings: options.config.validate.runtime,
          workers: Math.max(1, workers),
          screenshotDir: options.screenshotDir ?? null,
          workspaceRoot: options.workspaceRoot ?? null,
          phaserRuntimeFile: phaser.runtimeFile,
        });
      } catch (error) {
        await staticRunner.close(); // worker threads left open would keep the process alive
        throw error;
      }
    }
    return Validator.compose({ levels: options.levels, staticLevels, staticRunner, runtimeLevel, phaserVersion: phaser.version, phaserLine: phaser.line });
  }

  /** Assemble a validator from built levels (also how tests plug in a fake L4). */
  static compose(parts: { levels: LevelName[]; staticLevels: ValidatorLevel[]; staticRunner?: StaticRunner; runtimeLevel?: ValidatorLevel; phaserVersion: string; phaserLine?: PhaserLine }): Validator {
    const versioned = [...parts.staticLevels, ...(parts.runtimeLevel ? [parts.runtimeLevel] : [])];
    const line = parts.phaserLine ?? lineOfVersion(parts.phaserVersion);
    return new Validator(parts.levels, validatorVersion(versioned, parts.phaserVersion, line), line, parts.staticRunner ?? inProcessRunner(parts.staticLevels), parts.runtimeLevel);
  }

  async validate(input: LevelInput): Promise<Validation> {
    const levels: LevelResults = await this.staticRunner.run(input);
    let runtime: Runtime | null = null;
    const unavailable: LevelName[] = [];
    if (this.runtimeLevel) {
      const staticFailed = Object.values(levels).some((result) => hasErrors(result) || result?.skipped);
      if (staticFailed) levels.L4 = skippedResult('skipped_after_static', 'not run: L1–L3 raised errors');
      else {
        const outcome = await this.runtimeLevel.check(input);
        levels.L4 = outcome.result;
        runtime = outcome.runtime ?? null;
        if (outcome.result.skipped) unavailable.push('L4');
      }
    }
    const passed = this.levels.every((name) => levels[name]?.passed === true && !levels[name]?.skipped);
    return {
      code_hash: input.codeHash,
      validator_version: this.version,
      phaser_version: this.phaserLine,
      passed,
      levels,
      runtime,
      ...(unavailable.length ? { unavailable_levels: unavailable } : {}),
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.staticRunner.close(), this.runtimeLevel?.close?.()]);
  }
}
