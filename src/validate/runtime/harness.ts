import { readFileSync } from 'node:fs';

/**
 * The script that runs inside the page, before Phaser: the browser-side files in `page/`
 * (plain scripts, `// @ts-check` against the DOM by `page/tsconfig.json`, their API typed in
 * pageApi.ts), concatenated in this order into one function. They are read as text, not
 * imported: they must run in the browser exactly as written, untouched by the TypeScript/tsx
 * transform (the build copies them beside the compiled file, scripts/copy-page-scripts.mjs).
 *
 * - constants.js: the frame length, the epoch, the real clock and event functions kept aside;
 * - records.js: uncaught errors and `console.error` calls, with the game's own line and column;
 * - networkGuard.js: every API that reaches out is recorded (Node refuses the requests);
 * - virtualTime.js: `performance.now`, `Date`, timers and `requestAnimationFrame` follow a clock
 *   only the harness advances, one 1/60 s frame at a time; `Math.random` is seeded;
 * - pictures.js: canvas hashes at checkpoints (blank, animated) and a small PNG of the last frame;
 * - input.js: the scripted player (keys and clicks, frame by frame);
 * - probes.js: Phaser's own state (scenes, objects, texts, physics, input handlers…) read through
 *   references captured before the game runs, and whether the scripted input changed it;
 * - runs.js: run 1 (boot, play: the verdict) and run 2 (the replay with input), and the API
 *   Node drives (runGame.ts): handed over once through `window.__phaserSftTake()` before any
 *   game code runs, then held by Node as a DevTools object handle; the page keeps no name for it.
 */
export const PAGE_SCRIPTS = ['constants.js', 'records.js', 'networkGuard.js', 'virtualTime.js', 'pictures.js', 'input.js', 'probes.js', 'runs.js'] as const;

const pageFolder = new URL('./page/', import.meta.url);

/**
 * Probes off — for bench/judge-agreement.ts only, which measures what the probes cost at L4:
 * the probe functions are declared again as no-ops after probes.js (in one function body the
 * last declaration of a name wins), so Phaser is not hooked and nothing is read. Chosen per
 * page by `PHASER_SFT_BENCH_NO_PROBES=1` (servePage.ts); never set by the pipeline.
 */
const NO_PROBES = [
  '// ==== probes off (bench only)',
  'function captureProbes() {}',
  'function probeCheckpoint() {}',
  'function probeReport() { return null; }',
  'function inputChanges() { return null; }',
].join('\n');

function harnessScript(probes: boolean): string {
  return [
    "(() => {\n'use strict';\n",
    ...PAGE_SCRIPTS.map((name) => `// ==== page/${name}\n${readFileSync(new URL(name, pageFolder), 'utf8')}`),
    ...(probes ? [] : [NO_PROBES]),
    // the one way to the API: taken once by Node (runGame.ts) before the game's code is loaded
    "var take = function () { Reflect.deleteProperty(window, '__phaserSftTake'); return api; };",
    "defineProperty(window, '__phaserSftTake', { __proto__: null, value: take, configurable: true, enumerable: false, writable: false });\n})();",
  ].join('\n');
}

export const HARNESS_SCRIPT = harnessScript(true);
/** The harness without probes (bench only, see NO_PROBES). */
export const HARNESS_SCRIPT_NO_PROBES = harnessScript(false);
