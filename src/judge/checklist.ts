// What a judge is asked about one game: one statement per element the request asks for (the
// same elements as `fidelity_checks`, src/validate/fidelity/), after one opening statement of
// its own kind (vision: the screenshot shows a running game; text: the code is the game asked for).
import type { RequestedGame } from '../validate/index.js';
import { requestedElements } from '../validate/index.js';

export type JudgeKind = 'text' | 'vision';
export const JUDGE_KINDS: readonly JudgeKind[] = ['text', 'vision'];

/** One statement per element; true of a game that gives the element (seen on screen or made by its code). */
export const ELEMENT_STATEMENTS: Record<string, string> = {
  keyboard: 'The game is played with the keyboard (arrow keys or other keys).',
  pointer_click: 'The game is played by clicking or tapping.',
  pointer_drag: 'The game is played by dragging with the mouse or finger.',
  gravity_jump: 'Things fall under gravity and the player can jump.',
  collisions: 'Objects collide or overlap and react to it.',
  scoring: 'A score is shown on screen.',
  lives: 'Lives or health are shown on screen.',
  timers: 'A timer or countdown is shown or drives the game.',
  tweens: 'Objects move or fade smoothly (tweens).',
  particles: 'Particle effects (sparks, explosions) are visible.',
  camera_follow: 'The camera follows the player.',
  tilemap_array: 'The level is built from a grid of tiles.',
  ui_text: 'The game shows text on screen (title, HUD or instructions).',
  levels_scenes: 'The game has more than one scene or level (e.g. a title screen and the game).',
  state_machine: 'The game has distinct states (playing, game over, won).',
  procedural: 'Content is placed or generated at random.',
  spawning: 'New objects or enemies keep appearing.',
  projectiles: 'Something is shot or fired.',
  enemy_ai: 'There are enemies that move on their own.',
  powerups: 'There are power-ups or bonuses to pick up.',
  grid_logic: 'The game is played on a board or grid.',
  pause_menu: 'The game can be paused.',
};

/** The judge's statements for one request: the kind's opening statement, then one per requested element. */
export function judgeChecklist(kind: JudgeKind, request: RequestedGame): string[] {
  const genre = request.genre ? ` (a ${request.genre} game)` : '';
  const first =
    kind === 'vision'
      ? `The screenshot shows a running game${genre}, not a blank, black or error screen.`
      : `The code is the game that was asked for${genre}: its kind of game and its goal, not a different game.`;
  return [first, ...requestedElements(request).map((element) => ELEMENT_STATEMENTS[element] ?? `The game shows this: ${element}.`)];
}
