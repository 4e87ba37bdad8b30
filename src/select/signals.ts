// Text signals of "does the answer do what was asked": plan shape, plan ↔ code agreement,
// the seed's mechanics and the request's APIs found in the code. Heuristics, kept explainable.

/** Plan sections the teacher prompt asks for, with the words a zh or en plan heads them with. */
const PLAN_SECTIONS: { name: string; pattern: RegExp }[] = [
  { name: 'scenes', pattern: /scenes?\b|场景/i },
  { name: 'entities', pattern: /entit(y|ies)|objects?\b|实体|对象|角色/i },
  { name: 'controls', pattern: /controls?\b|input\b|操作|控制|按键/i },
  { name: 'mechanics', pattern: /mechanics?\b|gameplay|机制|玩法/i },
  { name: 'goal', pattern: /goal|win|lose|目标|胜利|失败/i },
  { name: 'apis', pattern: /phaser\s*api|\bapis?\b|接口/i },
];

/** Fraction of the expected plan sections present (0 for no plan). */
export function planShape(plan: string): number {
  if (!plan.trim()) return 0;
  const found = PLAN_SECTIONS.filter((section) => section.pattern.test(plan)).length;
  return found / PLAN_SECTIONS.length;
}

/**
 * API-like names the plan mentions (camelCase members such as `setVelocityX`, or the last part
 * of dotted paths such as `this.physics.add.collider`), lower-cased.
 */
export function planIdentifiers(plan: string): Set<string> {
  const names = new Set<string>();
  for (const match of plan.matchAll(/[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+|\b[a-z]+[A-Z][\w$]*/g)) {
    const last = match[0].split('.').pop() ?? '';
    if (last.length >= 4) names.add(last.toLowerCase());
  }
  return names;
}

/** Lower-cased identifiers of the code, for membership tests. */
export function codeIdentifiers(code: string): Set<string> {
  return new Set((code.match(/[A-Za-z_$][\w$]*/g) ?? []).map((name) => name.toLowerCase()));
}

/** Fraction of the plan's API names used in the code; undefined when the plan names none. */
export function planConsistency(plan: string, identifiers: Set<string>): number | undefined {
  const named = planIdentifiers(plan);
  if (!named.size) return undefined;
  let used = 0;
  for (const name of named) if (identifiers.has(name)) used++;
  return used / named.size;
}

/** Mechanic names (as seeds spell them) → evidence in code. First matching rule wins. */
const MECHANIC_RULES: { name: RegExp; code: RegExp }[] = [
  { name: /jump|platform/, code: /jump|setVelocityY\(\s*-|body\.velocity\.y\s*=\s*-/i },
  { name: /gravity|fall/, code: /gravity/i },
  { name: /shoot|bullet|projectile|fire|laser/, code: /bullet|shoot|fire|projectile|laser|missile/i },
  { name: /collect|pick|coin|star|gem/, code: /collect|pick|coin|star|gem|overlap/i },
  { name: /high.?score|best/, code: /best|high.?score/i },
  { name: /score|point/, code: /score|points/i },
  { name: /li(fe|ves)|health|hp/, code: /lives|life|health|\bhp\b/i },
  { name: /tim(er|e)|countdown|clock/, code: /time\.addEvent|delayedCall|timer|countdown|timeLeft/i },
  { name: /enem|monster|alien|zombie/, code: /enem|monster|alien|zombie/i },
  { name: /level|wave|stage/, code: /level|wave|stage/i },
  { name: /difficult|speed.?up|ramp|harder/, code: /difficulty|speed\s*(\+=|\*=)|level/i },
  { name: /collision|collide|bounce/, code: /collider|overlap|intersects|bounce/i },
  { name: /drag/, code: /drag/i },
  { name: /click|tap|pointer|mouse|touch/, code: /pointer(down|up|move)|on\('pointer/i },
  { name: /keyboard|arrow|wasd|key/, code: /createCursorKeys|addKey|keyboard/i },
  { name: /match|swap|combo/, code: /match|swap|combo/i },
  { name: /grid|tile|board/, code: /grid|tile|board|cols|rows/i },
  { name: /particle|explo|effect/, code: /particles|emitter|explo|tween/i },
  { name: /tween|animat/, code: /tweens\.add|anims\.create|tween/i },
  { name: /camera|scroll|follow/, code: /startFollow|scroll|camera/i },
  { name: /power.?up|boost|upgrade/, code: /power|boost|upgrade/i },
  { name: /spawn|random/, code: /spawn|Phaser\.Math\.(Between|RND)|Math\.random/i },
  { name: /pause/, code: /pause/i },
  { name: /restart|retry|game.?over/, code: /restart|game\s*over|gameover/i },
];

const STOPWORDS = new Set(['the', 'and', 'with', 'for', 'based', 'system', 'mode']);

/** Whether the code shows evidence of one mechanic (a rule, else the mechanic's own words). */
export function mechanicImplemented(mechanic: string, code: string, identifiers: Set<string>): boolean {
  const name = mechanic.toLowerCase().replace(/[_-]+/g, ' ');
  const rule = MECHANIC_RULES.find((r) => r.name.test(name));
  if (rule) return rule.code.test(code);
  const words = name.split(/\s+/).filter((w) => w.length >= 3 && !STOPWORDS.has(w));
  if (!words.length) return true;
  // A word counts when some identifier contains its first five letters (stem-ish: "rotat" ~ rotate, rotation).
  return words.some((word) => {
    const stem = word.slice(0, 5);
    for (const id of identifiers) if (id.includes(stem)) return true;
    return false;
  });
}

/** Fraction of the seed's mechanics with evidence in the code; undefined when the seed lists none. */
export function mechanicsCoverage(mechanics: string[], code: string, identifiers: Set<string>): number | undefined {
  if (!mechanics.length) return undefined;
  return mechanics.filter((m) => mechanicImplemented(m, code, identifiers)).length / mechanics.length;
}

/** The member name of an API doc id: `Phaser.Physics.Arcade.Sprite#setVelocity` → `setvelocity`. */
export function apiMemberName(apiId: string): string {
  const last = apiId.split(/[#.~]/).pop() ?? apiId;
  return last.toLowerCase();
}

/**
 * How many of the request's API members the code uses, saturating at `target` (or at the
 * number of distinct members when fewer); undefined when the request named none.
 */
export function apiUsage(apiRefs: string[], identifiers: Set<string>, target: number): number | undefined {
  const names = new Set(apiRefs.map(apiMemberName).filter((name) => name.length >= 3));
  if (!names.size) return undefined;
  let used = 0;
  for (const name of names) if (identifiers.has(name)) used++;
  return Math.min(1, used / Math.min(target, names.size));
}
