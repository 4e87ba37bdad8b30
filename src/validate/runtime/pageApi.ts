// The page harness's API (src/validate/runtime/page/*.js), typed once for both sides: the page
// scripts name these types in their JSDoc, runGame.ts calls the harness with them.

export type Renderer = 'canvas' | 'webgl';

/** What Node passes to every harness call (one JSON object per game). */
export interface HarnessOptions {
  renderer: Renderer;
  frames: number;
  bootTimeoutMs: number;
  frameTimeoutMs: number;
  maxBootFrames: number;
  checkEvery: number;
  thumbnailWidth: number;
  /** Length of the prefix that wraps the replay copy of the game (its line 1 columns shift). */
  wrapperColumns: number;
}

/** Something the page recorded, with the game's own line and column when known. */
export interface PageRecord {
  message: string;
  where?: string;
  line: number | null;
  column: number | null;
}
export interface NetworkRecord {
  api: string;
  url: string;
  line: number | null;
  column: number | null;
}
/** A per-game cap the game ran into (timers, workers, DOM nodes, console output…). */
export interface LimitRecord {
  kind: string;
  message: string;
  line: number | null;
  column: number | null;
}
export interface PageRecords {
  errors: PageRecord[];
  consoleErrors: PageRecord[];
  network: NetworkRecord[];
  limits: LimitRecord[];
  /** Built-ins the validator relies on that the game replaced (`Function.prototype.call`, …). */
  tampered: string[];
}

/** `boot()`: run 1 loaded and (maybe) booted. */
export interface BootResult {
  booted: boolean;
  gameCreated?: boolean;
  reason?: string;
  renderer?: Renderer;
  bootMs?: number;
  width?: number;
  height?: number;
  records: PageRecords;
}

/** `play()`: run 1 stepped to the frame target and through the input window. */
export interface PlayResult {
  frames: number;
  stepped: number;
  realMs: number;
  loopAlive: boolean;
  blank: boolean;
  animated: boolean;
  checkpoints: number;
  thumbnail: string | null;
  records: PageRecords;
}

/** `replayWithInput()`: did the scripted player change the pictures? */
export interface InputOutcome {
  conclusive: boolean;
  responds?: boolean;
  reason?: string;
}

/** `replayWithInput()`: the outcome, and every record so far (run 1's and the replay's). */
export interface ReplayResult {
  outcome: InputOutcome;
  records: PageRecords;
}

/**
 * The object the harness hands to Node once (`window.__phaserSftTake()`, before any game code
 * runs); the page keeps no name for it, so a game can neither call nor replace it.
 */
export interface HarnessApi {
  boot(options: HarnessOptions): Promise<BootResult>;
  play(options: HarnessOptions): Promise<PlayResult>;
  replayWithInput(options: HarnessOptions): Promise<ReplayResult>;
}
