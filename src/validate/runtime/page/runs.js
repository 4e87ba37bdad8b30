// @ts-check
// ---- Phaser: capture the game, choose the renderer ---------------------------------------------
var rendererMode = 'canvas';
function wrapPhaser() {
  var Phaser = window.Phaser;
  if (!Phaser || !Phaser.Game || Phaser.Game.__phaserSftWrapped) return;
  var OriginalGame = Phaser.Game;
  var Game = function (config) {
    config = config || {};
    if (rendererMode === 'canvas' && config.type !== Phaser.WEBGL) config.type = Phaser.CANVAS;
    var game = Reflect.construct(OriginalGame, [config], new.target || Game);
    state.games.push(game);
    return game;
  };
  Game.prototype = OriginalGame.prototype;
  Object.setPrototypeOf(Game, OriginalGame);
  Game.__phaserSftWrapped = true;
  Phaser.Game = Game;
}

// ---- runs --------------------------------------------------------------------------------------
/**
 * @typedef {{ hash: string, blank: boolean, frame?: number }} Shot  (frame: set once taken at a checkpoint)
 * @typedef {{ kind: 'baseline' | 'replay', frame: number, listeners: [EventTarget, string, any, any][], bodyChildren: Set<Element>, checkpoints: Shot[], thumbnail?: string | null, lastBlank?: boolean }} Run
 */
/** @type {Run} */
// @ts-ignore: null until the first run starts (every use comes after it)
var run = null;   // the current run: baseline (run 1) or replay (run 2)
/** @type {{ byFrame: Record<number, Shot> } | null} */
var baseline = null;

function resetWorld() {
  clock = 0; lastNow = 0; timers.clear(); rafQueue.clear(); nextTimerId = 1; randomState = 0x2f6b1d3;
}
function loadScript(path) {
  return new Promise(function (resolve) {
    var script = document.createElement('script');
    script.onload = function () { resolve(true); };
    script.onerror = function () { resolve(false); };
    script.src = path;
    document.body.appendChild(script);
  });
}
function fireLoadEvents() {
  // The game arrives after the page loaded: replay the events a page-load would have fired.
  document.dispatchEvent(new Event('DOMContentLoaded', { bubbles: true }));
  window.dispatchEvent(new Event('load'));
}
function mainGame() { return state.games[0] || null; }
/** Start a run and wait (virtual frames, clock stopped while real work is pending) until the game is running. */
/**
 * @param {Run['kind']} kind
 * @param {HarnessOptions} options
 * @returns {Promise<Omit<import('../pageApi.js').BootResult, 'records'>>}
 */
async function startRun(kind, options) {
  resetWorld();
  var startedAt = real.now();
  var deadline = startedAt + options.bootTimeoutMs;
  run = { kind: kind, frame: 0, listeners: [], bodyChildren: new Set(Array.prototype.slice.call(document.body.children)), checkpoints: [] };
  if (kind === 'baseline') {
    var loaded = await loadScript('/game.js');
    if (!loaded) return { booted: false, reason: 'the game script could not be loaded' };
  } else {
    window.__phaserSftReplay = null;
    if (!(await loadScript('/game-replay.js')) || typeof window.__phaserSftReplay !== 'function') return { booted: false, reason: 'replay script failed' };
    try { /** @type {() => void} */ (window.__phaserSftReplay).call(window); } catch (error) { return { booted: false, reason: describe(error) }; }
  }
  fireLoadEvents();
  var bootFrames = 0;
  while (real.now() < deadline) {
    await settle(deadline);
    var game = mainGame();
    if (game && game.isRunning && state.pending === 0) break;
    if (bootFrames++ > options.maxBootFrames) break;
    advanceFrame();
  }
  var game = mainGame();
  if (!game) return { booted: false, reason: 'the game never created a Phaser.Game', bootMs: real.now() - startedAt };
  if (!game.isRunning) return { booted: false, gameCreated: true, reason: 'the game did not finish booting within ' + options.bootTimeoutMs + ' ms (' + bootFrames + ' frames)', bootMs: real.now() - startedAt };
  return { booted: true, gameCreated: true, renderer: game.renderer && game.renderer.type === window.Phaser.WEBGL ? 'webgl' : 'canvas', bootMs: real.now() - startedAt, width: game.canvas.width, height: game.canvas.height };
}
/** Step 'frames' virtual frames; checkpoint pictures; the replay run plays the input script. */
/**
 * @param {HarnessOptions} options
 * @param {boolean} withInput
 */
async function stepFrames(options, withInput) {
  var game = mainGame();
  var total = options.frames + INPUT_FRAMES;
  var startedAt = real.now();
  var deadline = startedAt + options.frameTimeoutMs;
  /** @type {false | 'input' | 'before-input'} */
  var differs = false;
  while (run.frame < total && real.now() < deadline) {
    var windowFrame = run.frame - options.frames;
    if (withInput && windowFrame >= 0) {
      for (var k = 0; k < INPUT_SCRIPT.length; k++) if (INPUT_SCRIPT[k][0] === windowFrame) {
        try { INPUT_SCRIPT[k][1](game); } catch (error) { recordError(error, 'input'); }
      }
    }
    advanceFrame();
    run.frame++;
    // the frame target has its own time box; the input window after it gets a fresh one
    if (run.frame === options.frames) deadline = real.now() + options.frameTimeoutMs;
    if (run.frame % options.checkEvery === 0 || run.frame === options.frames || run.frame === total) {
      // read right after the frame rendered, in the same task (a WebGL buffer is cleared once presented)
      var shot = picture(game, false);
      shot.frame = run.frame;
      run.checkpoints.push(shot);
      if (run.kind === 'baseline' && run.frame === total) {
        run.thumbnail = thumbnail(game, options.thumbnailWidth);
        run.lastBlank = picture(game, true).blank;
      }
      if (run.kind === 'replay' && baseline) {
        var twin = baseline.byFrame[run.frame];
        if (twin && twin.hash !== shot.hash) { differs = run.frame > options.frames ? 'input' : 'before-input'; break; }
      }
    }
    // nothing scheduled any more (the loop died or stopped): later frames cannot change anything
    if (!withInput && timers.size === 0 && rafQueue.size === 0 && state.pending === 0) break;
    await settle(deadline);
  }
  return { realMs: real.now() - startedAt, differs: differs, complete: run.frame >= total };
}
function teardown() {
  state.games.forEach(function (game) {
    try { game.destroy(true); if (game.runDestroy) game.runDestroy(); } catch (error) { /* a broken game may not destroy cleanly */ }
  });
  state.games = [];
  run.listeners.forEach(function (entry) { real.removeEventListener.call(entry[0], entry[1], entry[2], entry[3]); });
  Array.prototype.slice.call(document.body.children).forEach(function (child) { if (!run.bodyChildren.has(child)) child.remove(); });
  timers.clear(); rafQueue.clear();
}
// listeners the game adds to window/document are removed between the two runs
EventTarget.prototype.addEventListener = function (type, listener, options) {
  if (run && (this === window || this === document)) run.listeners.push([this, type, listener, options]);
  return real.addEventListener.call(this, type, listener, options);
};

function snapshotRecords() {
  return { errors: state.errors.slice(), consoleErrors: state.consoleErrors.slice(), network: state.network.slice() };
}

/** @type {HarnessApi} */
var api = {
  /** Run 1: load /game.js and boot it. */
  boot: async function (options) {
    rendererMode = options.renderer;
    wrapPhaser();
    var result = /** @type {import('../pageApi.js').BootResult} */ (await startRun('baseline', options));
    result.records = snapshotRecords();
    return result;
  },
  /** Run 1: step to the frame target and through the (empty) input window. */
  play: async function (options) {
    var game = mainGame();
    var stepped = await stepFrames(options, false);
    /** @type {Record<number, Shot>} */
    var byFrame = {};
    run.checkpoints.forEach(function (shot) { byFrame[/** @type {number} */ (shot.frame)] = shot; });
    baseline = { byFrame: byFrame };
    var hashes = new Set(run.checkpoints.map(function (shot) { return shot.hash; }));
    return {
      frames: game && game.loop ? game.loop.frame : 0,
      stepped: run.frame,
      realMs: stepped.realMs,
      loopAlive: !stepped.complete ? timers.size + rafQueue.size > 0 : true,
      blank: run.checkpoints.every(function (shot) { return shot.blank; }) && run.lastBlank !== false,
      animated: hashes.size > 1,
      checkpoints: run.checkpoints.length,
      thumbnail: run.thumbnail || thumbnail(game, options.thumbnailWidth),
      records: snapshotRecords(),
    };
  },
  /** Run 2: same game, same seed and clock, with the scripted player; compare pictures. */
  replayWithInput: async function (options) {
    state.wrapperColumns = options.wrapperColumns;
    var before = snapshotRecords();
    teardown();
    var boot = await startRun('replay', options);
    /** @type {import('../pageApi.js').InputOutcome} */
    var outcome;
    if (!boot.booted) outcome = { conclusive: false, reason: 'the replay did not boot: ' + boot.reason };
    else {
      var stepped = await stepFrames(options, true);
      if (stepped.differs === 'before-input') outcome = { conclusive: false, reason: 'the game does not repeat itself (pictures differ before any input)' };
      else if (stepped.differs === 'input') outcome = { conclusive: true, responds: true };
      else if (!stepped.complete) outcome = { conclusive: false, reason: 'the replay ran out of time' };
      else outcome = { conclusive: true, responds: false };
    }
    // run 1 is the game's verdict: the replay's own records are not kept
    state.errors = before.errors; state.consoleErrors = before.consoleErrors; state.network = before.network;
    return outcome;
  },
};
