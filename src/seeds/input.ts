// Reading seed files: the bundled curated set (complete records) and users' own JSONL files,
// where only `prompt` is required and every other field is inferred or defaulted.
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { InputError, bundledPath, logger, readJsonlSync, schemaError, type Workspace } from '../core/index.js';
import { difficultySchema, langSchema, seedSchema, type Seed } from '../schemas/index.js';
import { detectLang, inferDifficulty, inferGenre, inferMechanics, seedId } from './infer.js';
import { GENRE_IDS, MECHANIC_IDS } from './taxonomy.js';

/** Where a seed came from, for error messages about it later (duplicate ids). */
export interface SeedOrigin {
  file: string;
  line: number;
}

/** A seed with the file and line it was read from. */
export interface LocatedSeed {
  seed: Seed;
  origin?: SeedOrigin;
}

/** The seeds `seeds expand` kept (complete records, source "expanded"); `seeds build` reads them as an input. */
export function expandedSeedsFile(workspace: Workspace): string {
  return join(dirname(workspace.seedsFile), 'expanded_seeds.jsonl');
}

/** The bundled curated seeds file. */
export function curatedSeedsFile(): string {
  return bundledPath('assets', 'seeds', 'curated_seeds.jsonl');
}

/** The curated set: complete seed records, checked against the seed schema. */
export function loadCuratedSeeds(file = curatedSeedsFile()): LocatedSeed[] {
  return readJsonlSync(file, { schema: seedSchema }).map((row) => ({ seed: row.value, origin: { file, line: row.line } }));
}

/** A user's seed record: `prompt` required, the rest optional. Other fields are ignored (with a warning). */
const userSeedSchema = z.object({
  id: z.string().trim().min(1, 'must be a non-empty string').optional(),
  prompt: z.string().trim().min(1, 'must be a non-empty string'),
  lang: langSchema.optional(),
  genre: z.string().trim().min(1, 'must be a non-empty string').optional(),
  mechanics: z.array(z.string().trim().min(1, 'must be non-empty strings')).optional(),
  difficulty: difficultySchema.optional(),
  source: seedSchema.shape.source.optional(),
});

const knownFields = new Set(Object.keys(userSeedSchema.shape));

/**
 * A tag as the taxonomy spells it when it is one of ours written another way
 * (`Tower Defense`, `tower-defense`, `match-3` → `tower_defense`, `match3`); else as given.
 */
export function normalizeTag(tag: string, known: readonly string[]): string {
  const snake = tag.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const squashed = snake.replace(/_/g, '');
  return known.find((id) => id === snake) ?? known.find((id) => id.replace(/_/g, '') === squashed) ?? tag;
}

/**
 * Read a user's seeds file (JSONL). Every record is checked (errors name file:line and the
 * field, exit 2); missing fields are inferred from the prompt: `lang` from its script, `genre`
 * and `mechanics` from keywords, `difficulty` from size words or how much it asks for, `id`
 * from the normalised prompt; `source` defaults to "user". Given ids are kept and must be
 * unique; given genre and mechanics names are matched to the taxonomy's spelling.
 */
export function loadUserSeeds(file: string): LocatedSeed[] {
  const rows = readJsonlSync(file);
  const ids = new Map<string, number>();
  const warned = new Set<string>();
  const warnOnce = (key: string, message: string) => {
    if (warned.has(key)) return;
    warned.add(key);
    logger.warn(message);
  };
  return rows.map(({ value, line }) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError({ file, line }, 'expected a JSON object with at least a "prompt"');
    const parsed = userSeedSchema.safeParse(value);
    if (!parsed.success) throw schemaError(file, line, parsed.error);
    for (const key of Object.keys(value)) {
      if (!knownFields.has(key)) warnOnce(`field:${key}`, `${file}:${line}: unknown field \`${key}\` ignored (seed fields: ${[...knownFields].join(', ')})`);
    }
    const record = parsed.data;
    const genre = record.genre ? normalizeTag(record.genre, GENRE_IDS) : inferGenre(record.prompt);
    const mechanics = record.mechanics ? record.mechanics.map((m) => normalizeTag(m, MECHANIC_IDS)) : inferMechanics(record.prompt, genre);
    const seed: Seed = {
      id: record.id ?? seedId(record.prompt),
      prompt: record.prompt,
      lang: record.lang ?? detectLang(record.prompt),
      genre,
      mechanics,
      difficulty: record.difficulty ?? inferDifficulty(record.prompt, mechanics),
      source: record.source ?? 'user',
    };
    const first = ids.get(seed.id);
    if (first !== undefined) throw new InputError({ file, line, field: 'id' }, `duplicate id "${seed.id}" (first on line ${first})`);
    ids.set(seed.id, line);
    if (!GENRE_IDS.includes(seed.genre) && record.genre) warnOnce(`genre:${seed.genre}`, `${file}:${line}: genre "${seed.genre}" is not in the taxonomy (${GENRE_IDS.join(', ')}); kept as given`);
    for (const m of record.mechanics ? seed.mechanics : []) {
      if (!MECHANIC_IDS.includes(m)) warnOnce(`mechanic:${m}`, `${file}:${line}: mechanic "${m}" is not in the taxonomy; kept as given`);
    }
    return { seed, origin: { file, line } };
  });
}
