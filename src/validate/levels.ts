// Which levels exist and how to build them: L1–L3 in-process (or in a worker), L4 loaded on demand.
import { existsSync } from 'node:fs';
import { LEVEL_NAMES, STATIC_LEVEL_NAMES, findPhaser, logger, UsageError, levelNameSchema, type Config, type LevelName, type PhaserLine } from '../core/index.js';
import type { ValidatorLevel } from './level.js';
import { createSyntaxLevel } from './syntax.js';
import { createApiLevel } from './api/index.js';
import { createPolicyLevel } from './policy/index.js';
import { apiIndexSuggester, receiverSuggester, type MemberSuggester } from './api/suggest.js';
import { loadApiIndex } from '../apiIndex/index.js';

/** "Did you mean" from the API index when the workspace has one, else from the receiver's own members. */
function suggesterFor(apiIndexFile: string | undefined): MemberSuggester {
  if (!apiIndexFile || !existsSync(apiIndexFile)) return receiverSuggester;
  try {
    return apiIndexSuggester(loadApiIndex(apiIndexFile));
  } catch (error) {
    logger.warn(`API index ${apiIndexFile} could not be loaded (${(error as Error).message}); suggestions come from the type checker`);
    return receiverSuggester;
  }
}

export const ALL_LEVELS: readonly LevelName[] = LEVEL_NAMES;
export const STATIC_LEVELS: readonly LevelName[] = STATIC_LEVEL_NAMES;

/** What a static level needs; plain data, so it can be sent to a worker thread. */
export interface StaticSettings {
  levels: LevelName[];
  maxCodeBytes: number;
  phaserDir?: string;
  /** Config `phaser.version`: the line whose installed package is used when `phaserDir` is not set. */
  phaserLine?: PhaserLine;
  /** The workspace's API index, for "did you mean" (used when the file exists). */
  apiIndexFile?: string;
}

export function staticSettingsFrom(config: Config, levels: LevelName[], apiIndexFile?: string): StaticSettings {
  return { levels: levels.filter((l) => STATIC_LEVELS.includes(l)), maxCodeBytes: config.validate.max_code_bytes, phaserDir: config.phaser.package_dir, phaserLine: config.phaser.version, apiIndexFile };
}

/** Build the requested static levels, in order. The L2 checker warms up on its first batch. */
export function createStaticLevels(settings: StaticSettings): ValidatorLevel[] {
  const phaser = findPhaser(settings.phaserDir, settings.phaserLine);
  return settings.levels.map((name) => {
    if (name === 'L1') return createSyntaxLevel();
    if (name === 'L2') return createApiLevel({ phaser, suggester: suggesterFor(settings.apiIndexFile) });
    if (name === 'L3') return createPolicyLevel({ maxCodeBytes: settings.maxCodeBytes });
    throw new Error(`${name} is not a static level`);
  });
}

/** Parse `--levels L1,L2,L3` into ordered, unique level names (usage error on anything else). */
export function parseLevels(text: string | undefined, fallback: readonly LevelName[]): LevelName[] {
  if (text === undefined) return ALL_LEVELS.filter((l) => fallback.includes(l));
  const names = text.split(',').map((part) => part.trim().toUpperCase()).filter(Boolean);
  if (!names.length) throw new UsageError('--levels: expected a list such as L1,L2,L3');
  for (const name of names) {
    if (!levelNameSchema.safeParse(name).success) throw new UsageError(`--levels: unknown level "${name}" (expected some of ${ALL_LEVELS.join(', ')})`);
  }
  return ALL_LEVELS.filter((l) => names.includes(l));
}
