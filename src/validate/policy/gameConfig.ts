// L3 policy on the game config: sane canvas size, a renderer that draws, physics that is enabled.
import { simple } from 'acorn-walk';
import { memberPath, phaserGameCalls, positionOf, type EsNode } from '../ast.js';
import { issue } from '../issues.js';
import type { Issue } from '../../schemas/index.js';

/** Canvas sizes outside these bounds are not a playable page (and blow up L4 screenshots). */
export const SIZE_BOUNDS = { min: 64, max: 4096 } as const;
const RENDERERS: Record<string, string> = { 'Phaser.AUTO': 'AUTO', 'Phaser.CANVAS': 'CANVAS', 'Phaser.WEBGL': 'WEBGL', 'Phaser.HEADLESS': 'HEADLESS' };
const RENDERER_NUMBERS = ['AUTO', 'CANVAS', 'WEBGL', 'HEADLESS'];
const PHYSICS_SYSTEMS = new Set(['arcade', 'matter']);

type Bindings = Map<string, EsNode>;

/** Top-level `const/let/var name = init` bindings, to follow `new Phaser.Game(config)` and `width: W`. */
function topLevelBindings(program: EsNode): Bindings {
  const bindings: Bindings = new Map();
  for (const statement of program.body as EsNode[]) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations as EsNode[]) {
      if (declarator.id.type === 'Identifier' && declarator.init) bindings.set(declarator.id.name, declarator.init);
    }
  }
  return bindings;
}

function resolve(node: EsNode | undefined, bindings: Bindings, depth = 0): EsNode | undefined {
  if (node?.type === 'Identifier' && depth < 8) return resolve(bindings.get(node.name), bindings, depth + 1);
  return node;
}

/** A constant number (literals, constants, + - * / %, unary minus), or undefined when dynamic. */
function evalNumber(node: EsNode | undefined, bindings: Bindings, depth = 0): number | undefined {
  const value = resolve(node, bindings);
  if (!value || depth > 16) return undefined;
  if (value.type === 'Literal' && typeof value.value === 'number') return value.value;
  if (value.type === 'UnaryExpression' && value.operator === '-') {
    const inner = evalNumber(value.argument, bindings, depth + 1);
    return inner === undefined ? undefined : -inner;
  }
  if (value.type === 'BinaryExpression') {
    const left = evalNumber(value.left, bindings, depth + 1);
    const right = evalNumber(value.right, bindings, depth + 1);
    if (left === undefined || right === undefined) return undefined;
    switch (value.operator) {
      case '+': return left + right;
      case '-': return left - right;
      case '*': return left * right;
      case '/': return right === 0 ? undefined : left / right;
      case '%': return right === 0 ? undefined : left % right;
      default: return undefined;
    }
  }
  return undefined;
}

/** The value of `key` in an object literal (string or identifier keys; shorthand included). */
function property(object: EsNode | undefined, key: string): EsNode | undefined {
  if (object?.type !== 'ObjectExpression') return undefined;
  for (const prop of object.properties as EsNode[]) {
    if (prop.type !== 'Property' || prop.computed) continue;
    const name = prop.key.type === 'Identifier' ? prop.key.name : prop.key.value;
    if (name === key) return prop.value;
  }
  return undefined;
}

function checkSize(config: EsNode, bindings: Bindings, issues: Issue[]): void {
  const scale = resolve(property(config, 'scale'), bindings);
  for (const dimension of ['width', 'height']) {
    const node = property(config, dimension) ?? property(scale, dimension);
    if (!node) continue;
    const resolved = resolve(node, bindings);
    if (resolved?.type === 'Literal' && typeof resolved.value === 'string') {
      if (!/^\d+(\.\d+)?%?$/.test(resolved.value.trim())) issues.push(issue('config_size', `config ${dimension} ${JSON.stringify(resolved.value)} is neither a number nor a percentage`, 'error', positionOf(node)));
      continue;
    }
    const value = evalNumber(node, bindings);
    if (value !== undefined && (value < SIZE_BOUNDS.min || value > SIZE_BOUNDS.max || !Number.isFinite(value))) {
      issues.push(issue('config_size', `config ${dimension} ${value} is outside ${SIZE_BOUNDS.min}..${SIZE_BOUNDS.max} px`, 'error', positionOf(node)));
    }
  }
}

function checkRenderer(config: EsNode, bindings: Bindings, issues: Issue[]): void {
  const node = property(config, 'type');
  if (!node) return;
  const path = memberPath(node);
  let renderer: string | undefined;
  if (path && path in RENDERERS) renderer = RENDERERS[path];
  else {
    const value = evalNumber(node, bindings);
    if (value !== undefined) renderer = RENDERER_NUMBERS[value] ?? `unknown (${value})`;
    else if (path?.startsWith('Phaser.')) renderer = `unknown (${path})`;
  }
  if (renderer === 'HEADLESS') issues.push(issue('config_renderer', 'renderer Phaser.HEADLESS draws nothing; use Phaser.AUTO, CANVAS or WEBGL', 'error', positionOf(node)));
  else if (renderer?.startsWith('unknown')) issues.push(issue('config_renderer', `renderer type ${renderer} is not Phaser.AUTO, CANVAS or WEBGL`, 'error', positionOf(node)));
}

/** Physics systems named anywhere in a `physics: {...}` object (game or scene config). */
function configuredPhysics(program: EsNode, bindings: Bindings): { systems: Set<string>; issues: Issue[] } {
  const systems = new Set<string>();
  const issues: Issue[] = [];
  simple(program, {
    ObjectExpression(node) {
      const physics = resolve(property(node as EsNode, 'physics'), bindings);
      if (physics?.type !== 'ObjectExpression') return;
      const fallback = resolve(property(physics, 'default'), bindings);
      if (fallback?.type === 'Literal' && typeof fallback.value === 'string') {
        if (PHYSICS_SYSTEMS.has(fallback.value)) systems.add(fallback.value);
        else issues.push(issue('config_physics', `physics.default ${JSON.stringify(fallback.value)} is not a Phaser 3 physics system ('arcade' or 'matter')`, 'error', positionOf(fallback)));
      }
      for (const system of PHYSICS_SYSTEMS) if (property(physics, system)) systems.add(system);
    },
  });
  return { systems, issues };
}

/** `this.physics.*` needs arcade configured and `this.matter.*` needs matter, or they are undefined at run time. */
function checkPhysicsUse(program: EsNode, systems: Set<string>, issues: Issue[]): void {
  const reported = new Set<string>();
  simple(program, {
    MemberExpression(node) {
      const path = memberPath(node as EsNode);
      const match = path && /(?:^|\.)(physics|matter)\.[A-Za-z]+$/.exec(path);
      if (!match || path!.startsWith('Phaser.')) return;
      const system = match[1] === 'physics' ? 'arcade' : 'matter';
      if (systems.has(system) || reported.has(system)) return;
      reported.add(system);
      issues.push(issue('physics_not_enabled', `\`${path}\` is used but ${system} physics is not enabled in any config (\`physics: { default: '${system}' }\`), so it is undefined at run time`, 'error', positionOf(node as EsNode)));
    },
  });
}

/** Every game-config issue of a parsed program. */
export function gameConfigIssues(program: EsNode): Issue[] {
  const issues: Issue[] = [];
  const bindings = topLevelBindings(program);
  const game = phaserGameCalls(program)[0];
  const config = game ? resolve(game.arguments?.[0], bindings) : undefined;
  if (config?.type === 'ObjectExpression') {
    checkSize(config, bindings, issues);
    checkRenderer(config, bindings, issues);
    if (!property(config, 'scene')) issues.push(issue('config_no_scene', 'the game config has no `scene`; nothing will run', 'warning', positionOf(config)));
  }
  const physics = configuredPhysics(program, bindings);
  issues.push(...physics.issues);
  checkPhysicsUse(program, physics.systems, issues);
  return issues;
}
