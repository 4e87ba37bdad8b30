import type { Config } from '../../core/index.js';
import type { Issue, LevelResult, Probes, Runtime } from '../../schemas/index.js';
import { issue, levelResult } from '../issues.js';
import type { GameSignals, NetworkRecord } from './runGame.js';

export type RuntimeSettings = Config['validate']['runtime'];

/**
 * L4 issue codes. Errors fail L4; warnings are signals selection weighs (errors when the config
 * requires animation / input).
 */
export const RUNTIME_CODES = {
  bootFailed: 'boot_failed',
  uncaughtError: 'uncaught_error',
  blankCanvas: 'blank_canvas',
  hang: 'hang',
  networkAttempt: 'network_attempt',
  framesNotReached: 'frames_not_reached',
  slowRender: 'slow_render',
  pageCrashed: 'page_crashed',
  consoleError: 'console_error',
  notAnimated: 'not_animated',
  noInputResponse: 'no_input_response',
  inputInconclusive: 'input_check_inconclusive',
  noBrowser: 'no_browser',
  resourceLimit: 'resource_limit',
  tampering: 'tampering',
} as const;

/** Where the harness caught an error, as said in the message. */
const CONTEXTS: Record<string, string> = {
  'animation frame': ' (in the game loop: update, render or a tween/event it runs)',
  timer: ' (in a setTimeout/setInterval callback)',
  'unhandled rejection': ' (an unhandled promise rejection)',
  input: ' (while handling scripted input)',
};

/** At most this many issues of one code (the rest are counted in the last message). */
const MAX_PER_CODE = 5;

function at(record: { line: number | null; column: number | null }): { line: number; column: number } | null {
  return record.line === null ? null : { line: record.line, column: record.column ?? 1 };
}

function where(record: { line: number | null; column: number | null }): string {
  return record.line === null ? '' : `line ${record.line}:${record.column ?? 1} `;
}

/** Distinct records by key, capped; the last kept one notes how many more there were. */
function distinct<T>(records: T[], key: (record: T) => string): { kept: T[]; more: number } {
  const seen = new Map<string, T>();
  for (const record of records) if (!seen.has(key(record))) seen.set(key(record), record);
  const all = [...seen.values()];
  return { kept: all.slice(0, MAX_PER_CODE), more: Math.max(0, all.length - MAX_PER_CODE) };
}

/** In-page records (with the game's line) and refused requests (every one), one per URL. */
function networkAttempts(signals: GameSignals): NetworkRecord[] {
  const byUrl = new Map<string, NetworkRecord>();
  for (const record of signals.network) if (!byUrl.has(record.url)) byUrl.set(record.url, record);
  for (const request of signals.refused) {
    if (!byUrl.has(request.url)) byUrl.set(request.url, { api: request.kind, url: request.url, line: null, column: null });
  }
  return [...byUrl.values()];
}

function phaseName(phase: GameSignals['phase']): string {
  if (phase === 'boot') return 'while booting (top-level code, preload or create)';
  if (phase === 'frames') return 'while running frames (update, timers, tweens)';
  if (phase === 'input') return 'while handling scripted input';
  return 'while loading';
}

/** A slow game must still show this many logic steps of its own in the frame time box. */
export const MIN_SLOW_STEPS = 3;

/**
 * Short of the frame target because each frame was costly to draw, while the loop ran: Phaser's
 * own step count kept pace with every frame the harness stepped until the time box ended (the
 * loop still scheduled), and the game's own logic took under half of each frame's real time (the
 * rest went to Phaser's render and the browser's software drawing). The message, or
 * null when the loop stopped, fell behind, or its time went to the game's own update.
 */
export function slowRender(signals: GameSignals): string | null {
  const loop = signals.loop;
  if (!loop || !loop.alive || loop.steps < MIN_SLOW_STEPS || loop.steps < loop.stepped - 1) return null;
  if (loop.updateMs >= loop.realMs / 2) return null;
  const perFrame = (ms: number) => Math.round(ms / loop.steps);
  const other = Math.max(0, perFrame(loop.realMs) - perFrame(loop.renderMs) - perFrame(loop.updateMs));
  return `the game loop ran ${loop.steps} logic steps in the time box but drew slowly on the ${signals.renderer} renderer: ${perFrame(loop.realMs)} ms a frame (${perFrame(loop.renderMs)} in Phaser's render, ${perFrame(loop.updateMs)} in the game's logic, ${other} waiting on the browser's software drawing and the checks): slow, not broken`;
}

/** Why a game that booted fell short of the frame target, from the loop meter. */
function whyShort(signals: GameSignals): string {
  const loop = signals.loop;
  if (!loop) return 'it stopped, or each frame took too long';
  if (!loop.alive) return `its loop stopped after ${loop.steps} logic steps`;
  if (loop.steps < loop.stepped - 1) return `Phaser stepped its scenes ${loop.steps} times in ${loop.stepped} frames: the loop is paused or stalled`;
  return `each frame took too long in the game's own logic: ${Math.round(loop.updateMs / Math.max(1, loop.steps))} ms a frame`;
}

/** Turn what one run observed into the L4 result and the contract's `runtime` record. */
export function verdict(signals: GameSignals, settings: RuntimeSettings, screenshot: string | null, inputScreenshot: string | null = null): { result: LevelResult; runtime: Runtime } {
  const issues: Issue[] = [];
  const ran = signals.outcome === 'ran';

  const location = signals.hangAt ? ` at line ${signals.hangAt.line}` : '';
  if (signals.outcome === 'hang') {
    const why = signals.detail ? `${signals.detail}: ` : '';
    issues.push(issue(RUNTIME_CODES.hang, `the game stopped answering ${phaseName(signals.phase)}${location} (${why}an endless loop?) and was killed`, 'error', signals.hangAt));
  }
  // a renderer the process watch killed (memory, or its Workers' CPU) is a resource_limit, not a crash
  const killedForMemory = (signals.limits ?? []).some((limit) => limit.kind === 'memory' || limit.kind === 'cpu');
  if (signals.outcome === 'crash' && !killedForMemory) {
    issues.push(issue(RUNTIME_CODES.pageCrashed, `${signals.detail ?? 'the page crashed'} ${phaseName(signals.phase)}${location}`, 'error', signals.hangAt));
  }
  if (signals.outcome === 'boot_failed') {
    issues.push(issue(RUNTIME_CODES.bootFailed, `the game did not start: ${signals.detail ?? 'unknown reason'}`, 'error'));
  }

  const errors = distinct(signals.errors, (record) => `${record.message}@${record.line}`);
  errors.kept.forEach((record, index) => {
    const more = index === errors.kept.length - 1 && errors.more ? ` (+${errors.more} more)` : '';
    const context = record.where ? CONTEXTS[record.where] ?? '' : '';
    issues.push(issue(RUNTIME_CODES.uncaughtError, `uncaught ${record.message}${context}${more}`, 'error', at(record)));
  });

  const network = distinct(networkAttempts(signals), (record) => record.url);
  network.kept.forEach((record, index) => {
    const more = index === network.kept.length - 1 && network.more ? ` (+${network.more} more)` : '';
    issues.push(issue(RUNTIME_CODES.networkAttempt, `the game tried to reach ${record.url} (${record.api}); games must not use the network${more}`, 'error', at(record)));
  });

  const tampered = signals.tampered ?? [];
  if (tampered.length) {
    const more = tampered.length > 8 ? ` (+${tampered.length - 8} more)` : '';
    issues.push(issue(RUNTIME_CODES.tampering, `the game replaced built-ins the validator relies on: ${tampered.slice(0, 8).join(', ')}${more}`, 'error'));
  }
  for (const limit of signals.limits ?? []) {
    issues.push(issue(RUNTIME_CODES.resourceLimit, `the game ran into the validator's limit: ${limit.message}`, 'error', at(limit)));
  }

  // an uncaught error usually stops the loop before anything is drawn: that error is the cause
  const crashedEarly = signals.errors.length > 0;
  if (ran && !crashedEarly && signals.frames < settings.frames) {
    const slow = slowRender(signals);
    if (slow) issues.push(issue(RUNTIME_CODES.slowRender, slow, 'warning'));
    else issues.push(issue(RUNTIME_CODES.framesNotReached, `the game loop reached ${signals.frames} of ${settings.frames} frames (${whyShort(signals)})`, 'error'));
  }
  if (ran && !crashedEarly && signals.blank) {
    issues.push(issue(RUNTIME_CODES.blankCanvas, 'the canvas stayed one colour: the game draws nothing', 'error'));
  }

  const consoleErrors = distinct(signals.consoleErrors, (record) => record.message);
  consoleErrors.kept.forEach((record) => {
    issues.push(issue(RUNTIME_CODES.consoleError, `console.error: ${record.message}`, 'warning', at(record)));
  });

  const healthy = ran && !signals.blank && signals.errors.length === 0;
  if (healthy && !signals.animated) {
    issues.push(issue(RUNTIME_CODES.notAnimated, 'the picture never changed without input: a static scene', settings.require_animated ? 'error' : 'warning'));
  }
  if (healthy && signals.input?.conclusive && !signals.input.responds) {
    issues.push(
      issue(RUNTIME_CODES.noInputResponse, 'arrow keys, WASD, space, enter and clicks changed nothing on screen', settings.require_input ? 'error' : 'warning'),
    );
  }
  if (healthy && signals.input && !signals.input.conclusive) {
    issues.push(issue(RUNTIME_CODES.inputInconclusive, `input response not measured: ${signals.input.reason ?? 'unknown reason'}`, 'info'));
  }

  const runtime: Runtime = {
    frames: signals.frames,
    fps: Math.round(Math.min(60, signals.stepFps) * 10) / 10,
    errors: [
      ...signals.errors.map((record) => `${where(record)}${record.message}`),
      ...signals.consoleErrors.map((record) => `${where(record)}console.error: ${record.message}`),
    ].slice(0, 20),
    blank: signals.blank,
    animated: signals.animated,
    responds_to_input: Boolean(signals.input?.conclusive && signals.input.responds),
    screenshot,
    ...(inputScreenshot ? { screenshot_input: inputScreenshot } : {}),
    probes: probesOf(signals),
  };
  return { result: levelResult(issues), runtime };
}

/** The record's `probes`: run 1's report and, after a conclusive replay, what the input changed. */
export function probesOf(signals: GameSignals): Probes | null {
  const report = signals.probes;
  if (!report) return null;
  const replay = signals.replayProbes;
  let input: Probes['input'] = null;
  if (replay && signals.input?.conclusive) {
    const before = new Set(report.scenes_started);
    input = {
      compared: replay.changes.compared,
      positions: replay.changes.positions,
      texts: replay.changes.texts,
      scenes: replay.changes.scenes,
      scenes_started: [...new Set((replay.probes?.scenes_started ?? []).filter((key) => !before.has(key)))].slice(0, 20),
      collisions_fired: replay.probes?.collisions_fired ?? 0,
      overlaps_fired: replay.probes?.overlaps_fired ?? 0,
      texts_changed: replay.probes?.texts_changed ?? 0,
    };
  }
  const objects: Record<string, number> = {};
  for (const [type, n] of Object.entries(report.objects).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, 40)) objects[type.slice(0, 40)] = n;
  const strings = (list: string[], max: number) => [...new Set(list.map((item) => item.slice(0, 60)))].sort().slice(0, max);
  return {
    scenes_started: report.scenes_started.slice(0, 20).map((key) => key.slice(0, 60)),
    active_scenes: strings(report.active_scenes, 20),
    objects,
    texts: report.texts,
    texts_changed: report.texts_changed,
    bodies: report.bodies,
    static_bodies: report.static_bodies,
    gravity: { x: report.gravity.x, y: report.gravity.y },
    colliders: report.colliders,
    overlaps: report.overlaps,
    collisions_fired: report.collisions_fired,
    overlaps_fired: report.overlaps_fired,
    camera_follow: report.camera_follow,
    time_events: report.time_events,
    looping_time_events: report.looping_time_events,
    tweens: report.tweens,
    keys: [...new Set(report.keys)].sort((a, b) => a - b).slice(0, 100),
    keyboard_events: strings(report.keyboard_events, 40),
    pointer_events: strings(report.pointer_events, 40),
    interactive_objects: report.interactive_objects,
    interactive_with_pointer: report.interactive_with_pointer,
    input,
  };
}
