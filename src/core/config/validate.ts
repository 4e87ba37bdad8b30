import { z } from 'zod';
import { LEVEL_NAMES } from '../vocabulary.js';

export const levelNameSchema = z.enum(LEVEL_NAMES);

/** `validate`: which levels run, workers, limits and the runtime (L4) settings. */
export const validateSection = z
  .strictObject({
    levels: z.array(levelNameSchema).default([...LEVEL_NAMES]),
    workers: z.number().int().positive().default(2),
    /** Largest game accepted by L3 policy, in bytes. */
    max_code_bytes: z.number().int().positive().default(60_000),
    runtime: z
      .strictObject({
        /** Frames the game must reach after booting (virtual 1/60 s frames, stepped as fast as the CPU allows). */
        frames: z.number().int().positive().default(30),
        /** Time box for the game to boot, in the page's CPU ms (main thread + its GPU share; 8× in wall time at most); a page that stops answering here is a hang. */
        boot_timeout_ms: z.number().int().positive().default(8000),
        /** Time box (CPU ms, as above) to step the game to the frame target, and again through the input window. */
        frame_timeout_ms: z.number().int().positive().default(5000),
        /** Time box (CPU ms, as above) for the whole game (boot, frames, input replay). */
        game_timeout_ms: z.number().int().positive().default(20000),
        /**
         * A page that stops answering while its main thread spends this much CPU (one task
         * without a break: an endless loop) is a hang. Counted in the page's own CPU time, so a
         * busy machine does not turn a slow game into a hang.
         */
        hang_cpu_ms: z.number().int().positive().default(1000),
        /**
         * `auto`: Canvas renderer (measured fastest), WebGL for games using WebGL-only features,
         * and a failing Canvas run is confirmed on WebGL. `canvas`/`webgl`: always that renderer
         * (`webgl` keeps the game's own config, Phaser.AUTO picking WebGL).
         */
        renderer: z.enum(['auto', 'canvas', 'webgl']).default('auto'),
        /** Replay each game with scripted keyboard and pointer input (the `responds_to_input` signal). */
        input_check: z.boolean().default(true),
        /** Make "does not animate" an error instead of a warning. */
        require_animated: z.boolean().default(false),
        /** Make "ignores input" an error instead of a warning. */
        require_input: z.boolean().default(false),
        /** Screenshot width in pixels (height follows the game's aspect ratio). */
        screenshot_width: z.number().int().min(32).max(800).default(320),
      })
      .prefault({}),
  })
  .prefault({});
