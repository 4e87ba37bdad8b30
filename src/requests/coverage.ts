// Does the API context cover what the seed asks for? For each mechanic with an obvious home in
// Phaser's API, a pattern over API ids; a seed's context covers the mechanic when one of its
// injected ids matches. Retrieval that covers under half of a seed's mechanics is "weak".
// Mechanics that are game logic more than API (scoring, lives, state machines, power-ups) have
// no pattern and are not judged.

export const MECHANIC_API_PATTERNS: Readonly<Record<string, RegExp>> = {
  gravity_jump: /Gravity|#setVelocityY|#setBounce|blocked|touching|onFloor/,
  collisions: /collider|overlap|Collision|#collide/i,
  timers: /^Phaser\.Time\.|delayedCall|TimerEvent/,
  tweens: /^Phaser\.Tweens\.|tween/i,
  particles: /Particle/,
  camera_follow: /^Phaser\.Cameras\.|startFollow|setBounds/,
  tilemap_array: /^Phaser\.Tilemaps\.|tilemap/i,
  pointer_drag: /drag/i,
  pointer_click: /^Phaser\.Input\.(?!Keyboard)|setInteractive|pointer/i,
  keyboard: /^Phaser\.Input\.Keyboard\.|CursorKeys|addKey/,
  ui_text: /^Phaser\.GameObjects\.(Text|BitmapText)\b|#text\b|#setText|TextStyle/,
  levels_scenes: /^Phaser\.Scenes?\.|ScenePlugin|SceneManager/,
  procedural: /^Phaser\.Math\.(Between|FloatBetween|RND|RandomDataGenerator)|^Phaser\.Utils\.Array\.(Shuffle|GetRandom)|RandomDataGenerator/,
  spawning: /^Phaser\.GameObjects\.Group|addEvent|TimerEvent|#createMultiple|#get\b/,
  projectiles: /#setVelocity|^Phaser\.GameObjects\.Group|velocityFromAngle|#fire/,
  enemy_ai: /moveTo|accelerateTo|Distance|Angle\.Between|velocityFromAngle|moveToObject/,
  grid_logic: /Grid|^Phaser\.Math\.Snap|#getTileAt|worldToTile|tileToWorld/,
  pause_menu: /#pause\b|#resume\b|#isPaused|#launch\b/,
};

export interface Coverage {
  /** Mechanics of the seed that have a pattern. */
  judged: string[];
  /** Of those, the ones some injected API matches. */
  covered: string[];
}

/** Which of a seed's judgeable mechanics its injected APIs cover. */
export function mechanicsCoverage(mechanics: readonly string[], apiRefs: readonly string[]): Coverage {
  const judged = mechanics.filter((m) => m in MECHANIC_API_PATTERNS);
  const covered = judged.filter((m) => apiRefs.some((id) => MECHANIC_API_PATTERNS[m].test(id)));
  return { judged, covered };
}
