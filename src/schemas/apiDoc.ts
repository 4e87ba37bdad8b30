import { z } from 'zod';

export const apiParamSchema = z.object({
  name: z.string(),
  type: z.string(),
  optional: z.boolean(),
  default: z.string().nullable(),
  description: z.string(),
});

/** One Phaser API record from `types/phaser.json` (DESIGN.md "api doc"). */
export const apiDocSchema = z.object({
  /** Phaser longname, e.g. `Phaser.Physics.Arcade.Components.Velocity#setVelocity`. */
  id: z.string().min(1),
  kind: z.string(),
  name: z.string(),
  memberof: z.string().nullable(),
  signature: z.string(),
  summary: z.string(),
  description: z.string(),
  params: z.array(apiParamSchema),
  returns: z.string().nullable(),
  since: z.string().nullable(),
  deprecated: z.union([z.boolean(), z.string()]).nullable(),
});
export type ApiDoc = z.infer<typeof apiDocSchema>;
export type ApiParam = z.infer<typeof apiParamSchema>;
