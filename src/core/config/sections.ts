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

export const phaserSection = z
  .strictObject({
    /** Folder of the `phaser` package; default: the one installed beside phaser-sft. */
    package_dir: z.string().optional(),
  })
  .prefault({});
