// The page harness's API (src/validate/runtime/page/*.js), typed once for both sides: the page
// scripts name these types in their JSDoc, runGame.ts calls the harness with them.

export type Renderer = 'canvas' | 'webgl';

/** What Node passes to every harness call (one JSON object per game). */
export interface HarnessOptions {
  renderer: Renderer;
  frames: number;
  /** The boot and frame boxes, in CPU ms of the page's main thread (page/virtualTime.js). */
  bootTimeoutMs: number;
  frameTimeoutMs: number;
  /** A box also ends after this many times its length in wall time (a page waiting without working). */
  wallFactor: number;
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

/** Phaser's own state after a run, read through references captured before the game ran (page/probes.js). */
export interface ProbeReport {
  /** Scene keys in the order their systems started (boot included). */
  scenes_started: string[];
  active_scenes: string[];
  /** Display objects of the running scenes by Phaser type (containers' children included). */
  objects: Record<string, number>;
  /** Text objects Phaser rendered, and how many of them show another text than at the start of play. */
  texts: number;
  texts_changed: number;
  bodies: number;
  static_bodies: number;
  gravity: { x: number; y: number };
  colliders: number;
  overlaps: number;
  collisions_fired: number;
  overlaps_fired: number;
  /** Type of the object a camera follows, or null. */
  camera_follow: string | null;
  time_events: number;
  looping_time_events: number;
  tweens: number;
  /** Key codes added through the keyboard plugin (cursor keys included). */
  keys: number[];
  keyboard_events: string[];
  pointer_events: string[];
  interactive_objects: number;
  interactive_with_pointer: number;
  frames: number;
}
/** Three hashes of the game's state at a frame: display objects' positions, texts, running scenes. */
export interface StateDigest {
  positions: string;
  texts: string;
  scenes: string;
}
/** Where the replay's state differed from run 1's at the same frames after the input began. */
export interface InputChanges {
  compared: number;
  positions: boolean;
  texts: boolean;
  scenes: boolean;
}

/** Phaser's own loop during run 1's play: logic steps (SceneManager#update calls) and real ms in update / render. */
export interface LoopMeter {
  steps: number;
  updateMs: number;
  renderMs: number;
}

/** `play()`: run 1 stepped to the frame target and through the input window. */
export interface PlayResult {
  frames: number;
  stepped: number;
  realMs: number;
  /** Main-thread CPU ms the frames took (the clock Node pushed). */
  cpuMs: number;
  loopAlive: boolean;
  loop: LoopMeter;
  blank: boolean;
  animated: boolean;
  checkpoints: number;
  thumbnail: string | null;
  /** The game canvas's place in the viewport (CSS pixels), null without one. */
  canvasRect: { x: number; y: number; width: number; height: number } | null;
  probes: ProbeReport;
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
  /** The replay's own probes (null when it did not boot). */
  probes: ProbeReport | null;
  changes: InputChanges;
  /** The first frame the scripted input changed (null when it changed nothing). */
  thumbnail?: string | null;
  records: PageRecords;
}

/**
 * The object the harness hands to Node once (`window.__phaserSftTake()`, before any game code
 * runs); the page keeps no name for it, so a game can neither call nor replace it.
 */
export interface HarnessApi {
  /** Node's reading of the page's main-thread CPU ms: the clock the time boxes count in. */
  clock(ms: number): void;
  boot(options: HarnessOptions): Promise<BootResult>;
  play(options: HarnessOptions): Promise<PlayResult>;
  replayWithInput(options: HarnessOptions): Promise<ReplayResult>;
}
