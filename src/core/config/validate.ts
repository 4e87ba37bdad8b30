import { z } from 'zod';

export const levelNameSchema = z.enum(['L1', 'L2', 'L3', 'L4']);
export type LevelName = z.infer<typeof levelNameSchema>;

/** `validate`: which levels run, workers, limits and the runtime (L4) settings. */
export const validateSection = z
  .strictObject({
    levels: z.array(levelNameSchema).default(['L1', 'L2', 'L3', 'L4']),
    workers: z.number().int().positive().default(2),
    /** Largest game accepted by L3 policy, in bytes. */
    max_code_bytes: z.number().int().positive().default(60_000),
    runtime: z
      .strictObject({
        /** Frames the game must reach. */
        frames: z.number().int().positive().default(30),
        boot_timeout_ms: z.number().int().positive().default(8000),
        game_timeout_ms: z.number().int().positive().default(20000),
        /** Make "does not animate" an error instead of a warning. */
        require_animated: z.boolean().default(false),
        /** Make "ignores input" an error instead of a warning. */
        require_input: z.boolean().default(false),
      })
      .prefault({}),
  })
  .prefault({});
