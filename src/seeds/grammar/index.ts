// Every genre's grammar, by genre id.
import { endlessRunner, platformer, spaceShooter, topDownShooter } from './action.js';
import { breakout, flappy, racing, snake } from './arcade.js';
import { maze, rhythm, sports, towerDefense } from './more.js';
import { clicker, match3, memory, puzzle } from './puzzle.js';
import type { GenreGrammar, Part } from './types.js';

export type { Feature, GenreGrammar, Part } from './types.js';

export const GRAMMARS: readonly GenreGrammar[] = [
  platformer, topDownShooter, spaceShooter, breakout, snake, endlessRunner, flappy, match3,
  towerDefense, maze, racing, puzzle, clicker, sports, rhythm, memory,
];

const byGenre = new Map(GRAMMARS.map((g) => [g.genre, g]));

/** The grammar of a genre, if the generator knows it. */
export function grammarOf(genre: string): GenreGrammar | undefined {
  return byGenre.get(genre);
}

/** Whether `part` fits a game whose hero is `hero` (see `Part.groups`); without a hero, only parts of every kind fit. */
export function fitsHero(part: Part, hero: Part | undefined): boolean {
  if (!part.groups.length) return true;
  if (!hero) return false;
  if (!hero.groups.length) return true;
  return part.groups.some((g) => hero.groups.includes(g));
}
