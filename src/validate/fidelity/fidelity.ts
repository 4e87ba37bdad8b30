// Request fidelity: does the game do what was asked? Each element the request asks for (the
// seed's mechanics, or mechanics inferred from the prompt's own words, zh or en) is looked up
// in the evidence, strongest first: L4's probes (Phaser's own state, read by the harness), then
// the code, then the Phaser APIs the request needs. `fidelity` is the mean of the elements'
// weights; requested controls that the probes show do not respond are flagged.
import { inferGenre, inferMechanics } from '../../seeds/index.js';
import type { Probes } from '../../schemas/index.js';

export type EvidenceSource = 'probe' | 'code' | 'api';
/** One requested element and what was found for it (null: missing). */
export interface FidelityCheck {
  element: string;
  source: EvidenceSource | null;
  evidence: string | null;
  weight: number;
}
export interface Fidelity {
  fidelity: number;
  fidelity_checks: FidelityCheck[];
  /** Requested controls (keyboard, pointer) that the scripted player found unresponsive. */
  unresponsive_controls: string[];
}
/** What a record says was asked. */
export interface RequestedGame {
  prompt: string;
  genre?: string;
  mechanics?: readonly string[];
}

/** Weight of each kind of evidence: the engine's own state outweighs words in the code. */
export const EVIDENCE_WEIGHT: Record<EvidenceSource, number> = { probe: 1, code: 0.6, api: 0.3 };
/** Weight of a control that is registered but changed nothing under the scripted player. */
const UNRESPONSIVE_WEIGHT = 0.2;

type ProbeRule = (p: Probes) => string | null;
interface Rule {
  probe?: ProbeRule;
  /** Code that shows the element (its own words, or the Phaser calls that make it). */
  code?: RegExp;
  /** Phaser APIs relevant to the element (weakest evidence: the API is used at all). */
  api?: RegExp;
}
const count = (n: number, what: string) => (n > 0 ? `${n} ${what}` : null);
const inputChanged = (p: Probes) => (p.input ? p.input.positions || p.input.texts || p.input.scenes : false);
const objectsOf = (p: Probes, pattern: RegExp) => Object.entries(p.objects).filter(([type]) => pattern.test(type)).reduce((sum, [, n]) => sum + n, 0);

const RULES: Record<string, Rule> = {
  keyboard: {
    probe: (p) => (p.keys.length || p.keyboard_events.length ? `keys ${p.keys.join(',') || '-'}; ${p.keyboard_events.slice(0, 3).join(',') || 'no key events'}` : null),
    code: /createCursorKeys|addKeys?\(|keyboard\.on\(|keydown|isDown/,
    api: /input\.keyboard/,
  },
  pointer_click: {
    probe: (p) => (p.pointer_events.length || p.interactive_with_pointer ? `pointer ${p.pointer_events.slice(0, 3).join(',')}${p.interactive_with_pointer ? `; ${p.interactive_with_pointer} interactive objects` : ''}` : null),
    code: /on\(\s*['"](pointerdown|pointerup|gameobjectdown)|setInteractive/,
    api: /activePointer|input\.on/,
  },
  pointer_drag: {
    probe: (p) => (p.pointer_events.some((e) => /drag|pointermove/.test(e)) ? `pointer ${p.pointer_events.join(',')}` : null),
    code: /setDraggable|['"]drag|pointermove/,
    api: /draggable|isDown/,
  },
  gravity_jump: {
    probe: (p) => (p.gravity.y !== 0 ? `gravity y ${p.gravity.y}` : null),
    code: /setGravityY|gravity\s*:\s*\{?\s*y|setVelocityY\(\s*-/,
    api: /gravity/i,
  },
  collisions: {
    probe: (p) => (p.colliders + p.overlaps > 0 && p.collisions_fired + p.overlaps_fired + (p.input?.collisions_fired ?? 0) + (p.input?.overlaps_fired ?? 0) > 0 ? `${p.colliders} colliders, ${p.overlaps} overlaps, fired` : null),
    code: /physics\.add\.(collider|overlap)|Intersects|overlapRect|getBounds\(\)/,
    api: /physics\.add|collide/,
  },
  scoring: {
    probe: (p) => (p.texts > 0 && (p.texts_changed > 0 || p.input?.texts) ? 'a Text changed during play' : null),
    code: /score|points|得分|分数/i,
    api: /setText/,
  },
  lives: { code: /\blives\b|\blife\b|health|\bhp\b|生命|血/i, api: /setText/ },
  timers: { probe: (p) => count(p.time_events, 'time events'), code: /time\.addEvent|delayedCall|countdown|timeLeft|倒计时/, api: /\btime\./ },
  tweens: { probe: (p) => count(p.tweens, 'tweens'), code: /tweens\.(add|chain|addCounter)/, api: /tween/i },
  particles: { probe: (p) => count(objectsOf(p, /Particle/), 'particle emitters'), code: /\.particles\(|ParticleEmitter|createEmitter/, api: /emitter|explode/i },
  camera_follow: { probe: (p) => (p.camera_follow ? `camera follows a ${p.camera_follow}` : null), code: /startFollow/, api: /setBounds|scrollX/ },
  tilemap_array: { probe: (p) => count(objectsOf(p, /Tilemap/), 'tilemap layers'), code: /make\.tilemap|\[\s*\[\s*\d/, api: /tilemap|tile/i },
  ui_text: { probe: (p) => count(p.texts, 'Text objects'), code: /add\.(text|bitmapText)/, api: /setText/ },
  levels_scenes: {
    probe: (p) => (new Set(p.scenes_started).size > 1 || p.input?.scenes_started.length ? `scenes ${[...new Set([...p.scenes_started, ...(p.input?.scenes_started ?? [])])].join(',')}` : null),
    code: /scene\.(start|restart|launch)\(|level\s*\+\+|nextLevel|关卡/,
    api: /scene\./,
  },
  state_machine: { code: /\bstate\s*(===|=|:)\s*['"]|switch\s*\(\s*this\.state/, api: /state/i },
  procedural: { code: /Math\.random|Phaser\.Math\.(Between|RND|FloatBetween)|shuffle/, api: /Between|RND/ },
  spawning: { probe: (p) => count(p.looping_time_events, 'repeating time events'), code: /spawn|time\.addEvent\([^)]*loop|group\.create|\.get\(/i, api: /group/i },
  projectiles: { code: /bullet|projectile|laser|missile|shoot|子弹/i, api: /setVelocity/ },
  enemy_ai: { code: /enem|monster|ghost|chase|patrol|敌/i, api: /moveTo|angleBetween|velocityFromAngle/ },
  powerups: { code: /power.?up|powerup|boost|shield|bonus|道具/i, api: /overlap/ },
  grid_logic: { code: /grid|board|cells?\b|\[\s*row\s*\]|\[\s*r\s*\]\s*\[\s*c\s*\]|cols|rows/i, api: /Grid/ },
  pause_menu: { code: /pause/i, api: /scene\.pause|physics\.pause/ },
};
const CONTROLS = new Set(['keyboard', 'pointer_click', 'pointer_drag']);

/**
 * The elements a request asks for: the record's mechanics (the taxonomy's tags: a free-form tag
 * has no evidence rule and is left out), else (a record with only a prompt, like an eval prompt)
 * inferred from the prompt's words (zh or en).
 */
export function requestedElements(request: RequestedGame): string[] {
  // a seed that lists its mechanics says what was asked (tags without a rule: nothing to check)
  if (request.mechanics) return [...new Set(request.mechanics.filter((m) => m in RULES))];
  const genre = request.genre && request.genre.length ? request.genre : inferGenre(request.prompt);
  return inferMechanics(request.prompt, genre);
}

/** Fidelity of one game to its request: probes (when L4 ran) first, then code, then APIs. */
export function measureFidelity(request: RequestedGame, code: string, probes: Probes | null | undefined, respondsToInput = false): Fidelity {
  const elements = requestedElements(request);
  // the scripted player changed nothing: neither the engine's state (probes) nor the pictures
  // (a game drawing with Graphics from its own variables changes pictures, not positions)
  const ignoredInput = Boolean(probes?.input) && !respondsToInput && !inputChanged(probes!);
  const checks: FidelityCheck[] = [];
  const unresponsive: string[] = [];
  for (const element of elements) {
    const rule = RULES[element]!;
    let check: FidelityCheck = { element, source: null, evidence: null, weight: 0 };
    const found = probes && rule.probe ? rule.probe(probes) : null;
    if (found) {
      check = { element, source: 'probe', evidence: found, weight: EVIDENCE_WEIGHT.probe };
      // a control that is there but changed nothing under the scripted player is not what was asked
      if (CONTROLS.has(element) && ignoredInput) {
        check = { ...check, evidence: `${found}; the scripted player changed nothing`, weight: UNRESPONSIVE_WEIGHT };
        unresponsive.push(element);
      }
    } else if (rule.code?.test(code)) {
      const match = rule.code.exec(code)![0];
      check = { element, source: 'code', evidence: `code: ${match.slice(0, 40)}`, weight: EVIDENCE_WEIGHT.code };
      // the engine saw no such control although the code names one, and input changed nothing
      if (CONTROLS.has(element) && ignoredInput) {
        check = { ...check, evidence: `${check.evidence}; no handler registered and the scripted player changed nothing`, weight: UNRESPONSIVE_WEIGHT / 2 };
        unresponsive.push(element);
      } else if (probes && rule.probe) check = { ...check, weight: EVIDENCE_WEIGHT.code / 2, evidence: `${check.evidence} (not seen at run time)` };
    } else if (rule.api?.test(code)) {
      check = { element, source: 'api', evidence: `uses ${rule.api.exec(code)![0]}`, weight: EVIDENCE_WEIGHT.api };
    }
    if (CONTROLS.has(element) && check.source === null && ignoredInput) unresponsive.push(element);
    checks.push(check);
  }
  const fidelity = checks.length ? checks.reduce((sum, check) => sum + check.weight, 0) / checks.length : 1;
  return { fidelity: Math.round(fidelity * 1000) / 1000, fidelity_checks: checks, unresponsive_controls: unresponsive };
}
