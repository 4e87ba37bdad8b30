import { readFile } from 'node:fs/promises';
import { tokenizer, tokTypes } from 'acorn';
import { join, relative, sep } from 'node:path';
import { stableHash, WorkError, writeFileAtomic, type Config } from '../../core/index.js';
import { skippedResult } from '../issues.js';
import type { LevelInput, LevelOutcome, ValidatorLevel } from '../level.js';
import { findBrowser } from './browser.js';
import { maxWorkers } from './memoryWatch.js';
import { BrowserPool } from './pool.js';
import type { GameSignals, Renderer, RunOptions } from './runGame.js';
import { RUNTIME_CODES, verdict, type RuntimeSettings } from './verdict.js';

export { findBrowser, INSTALL_HINT } from './browser.js';
export { RUNTIME_CODES } from './verdict.js';

/** Bumped when L4's rules or measurements change (part of the cache key, with the settings). */
const RUNTIME_RULES_VERSION = '7';

/** L4 as a validator level; `close()` always exists and leaves no browser process behind. */
export type RuntimeLevel = ValidatorLevel & { close(): Promise<void> };

export interface RuntimeLevelOptions {
  settings: Config['validate']['runtime'];
  /** Games run at once (one browser, a context per game). */
  workers: number;
  /** Folder for `<code_hash>.png`; null keeps no screenshot. */
  screenshotDir: string | null;
  /** Screenshot paths in the record are relative to this folder (absolute when null). */
  workspaceRoot: string | null;
  /** `dist/phaser.min.js` of the installed phaser package. */
  phaserRuntimeFile: string;
}

/**
 * Features that only exist on the WebGL renderer; a game using one runs on WebGL, since on
 * Canvas it would fail or draw nothing for reasons that are not its fault.
 */
const WEBGL_ONLY = /\b(preFX|postFX|setPostPipeline|setPipeline|PostFXPipeline|Light2D|lights\s*\.\s*enable|addPointLight|pointlight|shader|BaseShader|pipelines|renderer\s*\.\s*gl|Phaser\s*\.\s*WEBGL)\b/;

/**
 * The game's code without string literals and comments (acorn's tokenizer, the reader L1 and L3
 * use): a word list holding "shader" is not a shader. Code acorn cannot read is taken whole.
 */
function codeOnly(code: string): string {
  const kept: string[] = [];
  try {
    for (const token of tokenizer(code, { ecmaVersion: 'latest', allowHashBang: true })) {
      if (token.type !== tokTypes.string && token.type !== tokTypes.template) kept.push(code.slice(token.start, token.end));
    }
  } catch {
    return code;
  }
  return kept.join(' ');
}

/** The renderer a game is run with first, per the `renderer` setting. */
export function chooseRenderer(code: string, setting: RuntimeSettings['renderer']): Renderer {
  if (setting === 'webgl') return 'webgl';
  if (setting === 'canvas') return 'canvas';
  return WEBGL_ONLY.test(codeOnly(code)) ? 'webgl' : 'canvas';
}

/**
 * A Canvas run that failed in a way the renderer could explain (a blank canvas, a TypeError on a
 * WebGL-only member that is null on Canvas) is confirmed on WebGL, the renderer Phaser.AUTO picks.
 * Not when no `Phaser.Game` was ever made (no game, or a throw before it): no renderer was involved.
 */
export function worthConfirmingOnWebgl(signals: GameSignals): boolean {
  if (signals.renderer !== 'canvas' || !signals.gameCreated) return false;
  if (signals.outcome !== 'ran' && signals.outcome !== 'boot_failed') return false;
  if (signals.network.length || signals.refused.length) return false;
  return signals.blank || signals.errors.some((error) => error.message.startsWith('TypeError'));
}

/**
 * L4: run each game for real in headless Chromium (see README "Runtime check"). When no browser
 * exists the level still loads, and marks every game skipped with a message saying how to install one.
 */
export async function createRuntimeLevel(options: RuntimeLevelOptions): Promise<RuntimeLevel> {
  const settings = options.settings;
  const version = `${RUNTIME_RULES_VERSION}-${stableHash(settings, 8)}`;
  const lookup = findBrowser();
  if (!lookup.found) {
    const reason = lookup.reason;
    return {
      name: 'L4',
      version,
      browser: null,
      async check(): Promise<LevelOutcome> {
        return { result: skippedResult(RUNTIME_CODES.noBrowser, `L4 skipped: ${reason}`) };
      },
      async close() {},
    };
  }
  const pool = new BrowserPool({
    executable: lookup.executable,
    workers: Math.min(Math.max(1, options.workers), maxWorkers()),
    phaserSource: await readFile(options.phaserRuntimeFile),
    // loading harness + Phaser is the validator's own work, not the game's: a generous box
    loadTimeoutMs: Math.max(30_000, settings.boot_timeout_ms),
  });
  const play = async (code: string, codeHash: string, renderer: Renderer): Promise<GameSignals> => {
    try {
      return await pool.play(code, runOptions(renderer));
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new WorkError(`L4 could not run game ${codeHash} in ${lookup.executable}: ${reason}`, { cause: error });
    }
  };
  const runOptions = (renderer: Renderer): RunOptions => ({
    frames: settings.frames,
    bootTimeoutMs: settings.boot_timeout_ms,
    frameTimeoutMs: settings.frame_timeout_ms,
    gameTimeoutMs: settings.game_timeout_ms,
    hangCpuMs: settings.hang_cpu_ms,
    renderer,
    checkInput: settings.input_check,
    // a WebGL read-back goes through the (software) GPU process: fewer checkpoints
    checkEvery: renderer === 'webgl' ? 8 : 4,
    thumbnailWidth: settings.screenshot_width,
  });

  return {
    name: 'L4',
    version,
    browser: lookup.executable,
    async check({ code, codeHash }: LevelInput) {
      let signals = await play(code, codeHash, chooseRenderer(code, settings.renderer));
      if (settings.renderer === 'auto' && worthConfirmingOnWebgl(signals)) {
        const onWebgl = await play(code, codeHash, 'webgl');
        if (onWebgl.outcome === 'ran' && onWebgl.errors.length === 0 && !onWebgl.blank) signals = onWebgl;
      }
      const screenshot = saveScreenshot(signals.thumbnail, codeHash, options);
      const outcome = verdict(signals, settings, screenshot);
      return { result: outcome.result, runtime: outcome.runtime };
    },
    close: () => pool.close(),
  };
}

function saveScreenshot(dataUrl: string | null, codeHash: string, options: RuntimeLevelOptions): string | null {
  if (!options.screenshotDir || !dataUrl?.startsWith('data:image/png;base64,')) return null;
  const file = join(options.screenshotDir, `${codeHash}.png`);
  writeFileAtomic(file, Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64'));
  return options.workspaceRoot ? relative(options.workspaceRoot, file).split(sep).join('/') : file;
}
