import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { schemaError } from '../jsonl.js';
import { phaserSection } from './sections.js';
import { apiIndexSection } from './apiIndex.js';
import { seedsSection } from './seeds.js';
import { requestsSection } from './requests.js';
import { teacherSection } from './teacher.js';
import { validateSection } from './validate.js';
import { selectSection } from './select.js';
import { datasetSection } from './dataset.js';
import { evalSection } from './evaluation.js';

export { modelPriceSchema, phaserVersionSchema, type ModelPrice, type PhaserLine } from './sections.js';
export { levelNameSchema } from './validate.js';

/** `phaser-sft.config.json`: every field optional, every default here. Unknown fields are errors (typos). */
export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  phaser: phaserSection,
  api_index: apiIndexSection,
  seeds: seedsSection,
  requests: requestsSection,
  teacher: teacherSection,
  validate: validateSection,
  select: selectSection,
  dataset: datasetSection,
  eval: evalSection,
});

export type Config = z.infer<typeof configSchema>;

/** The config with every default filled in. */
export function defaultConfig(): Config {
  return configSchema.parse({});
}

/** 1-based line of a character offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Line where a dotted field path's last key appears (best effort, for error messages). */
function lineOfField(text: string, field: string | undefined): number | undefined {
  if (!field) return undefined;
  const key = field.split('.').filter((part) => !/^\d+$/.test(part)).pop();
  if (!key) return undefined;
  const index = text.indexOf(`"${key}"`);
  return index === -1 ? undefined : lineOf(text, index);
}

/**
 * Load and validate a config file. A missing file means all defaults unless `required`
 * (an explicit `--config`). Errors name the file, line and field; exit 2.
 */
export function loadConfig(file: string, options: { required?: boolean } = {}): Config {
  if (!existsSync(file)) {
    if (options.required) throw new InputError({ file }, 'config file not found');
    return defaultConfig();
  }
  const text = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const line = position ? lineOf(text, Number(position[1])) : undefined;
    throw new InputError({ file, line }, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    let field = issue?.path.map(String).join('.');
    if (issue?.code === 'unrecognized_keys') field = [...issue.path.map(String), ...issue.keys].join('.');
    const base = schemaError(file, undefined, parsed.error);
    throw new InputError({ file, line: lineOfField(text, field), field: field || base.location.field }, issue?.message ?? 'invalid config');
  }
  return parsed.data;
}

/** JSON Schema of the config file, for editors (`schema/phaser-sft.config.schema.json`). */
export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { io: 'input' });
}
