// Config sections shared by several stages. Stage-specific sections live beside this file,
// one file per section, and are composed in ./index.ts.
import { z } from 'zod';

/** Price of a model in USD per million tokens. */
export const modelPriceSchema = z.strictObject({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cache_write: z.number().nonnegative(),
  cache_read: z.number().nonnegative(),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;

/** A Phaser line: the major version phaser-sft writes and checks games for. */
export const phaserVersionSchema = z.enum(['3', '4']);
export type PhaserLine = z.infer<typeof phaserVersionSchema>;

export const phaserSection = z
  .strictObject({
    /**
     * The Phaser line the workspace targets: "3" (the `phaser` package, 3.90) or "4" (the
     * `phaser4` npm alias, 4.2). The API index, L2 declarations, L4 runtime and every record's
     * `phaser_version` follow it. Absent: "3" (workspaces made before the key existed keep their
     * line); `init` writes the line new workspaces get.
     */
    version: phaserVersionSchema.default('3'),
    /** Folder of a `phaser` package; overrides the line's installed package (its major should match `version`). */
    package_dir: z.string().optional(),
  })
  .prefault({});
