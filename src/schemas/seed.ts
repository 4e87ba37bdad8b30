import { z } from 'zod';
import { LANGS } from '../core/vocabulary.js';

export const langSchema = z.enum(LANGS);
export const difficultySchema = z.enum(['easy', 'medium', 'hard']);

/** A game request the teacher will answer (DESIGN.md "seed"). */
export const seedSchema = z.object({
  id: z.string().min(1),
  prompt: z.string().min(1),
  lang: langSchema,
  genre: z.string().min(1),
  mechanics: z.array(z.string()),
  difficulty: difficultySchema,
  source: z.enum(['curated', 'generated', 'user', 'expanded']),
});
export type Seed = z.infer<typeof seedSchema>;
export type Lang = z.infer<typeof langSchema>;
export type Difficulty = z.infer<typeof difficultySchema>;
