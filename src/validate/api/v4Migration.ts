// L2 under Phaser 4: v3 APIs that v4 removed or changed, as errors whose "did you mean" names the
// v4 way. Curated from the migration guide the 4.x package ships
// (`changelog/v4/4.0/MIGRATION-GUIDE.md`; each rule cites its section) and checked against the
// 4.2.1 declarations (`types/phaser.d.ts`): every "removed" name below is absent from them, and
// `Group#children` is typed as a native `Set` there (no `iterate`).
//
// Why a table on top of the declarations: the type checker already rejects most of these on a
// Phaser-typed receiver, but only with "no such member" — it cannot say what replaced it — and it
// says nothing on an untyped receiver (a group kept in `this.coins` of a plain object scene), which
// is where games use them most (`this.coins.children.iterate(...)` throws at run time under v4).
// The rules match names, not types, so each one is a name that has no v4 meaning on any receiver.
import type ts from 'typescript';
import { typescript } from './typescript.js';
import { issue } from '../issues.js';
import type { Issue } from '../../schemas/index.js';

export interface MigrationRule {
  /** What the rule matches: a dotted path's tail (`Geom.Point`), a member name (`.preFX`), or a call (`.setTintFill(`). */
  match: { kind: 'path'; tail: string[] } | { kind: 'member'; name: string; on?: string } | { kind: 'call'; name: string; on?: string };
  /** The v4 way. */
  instead: string;
  /** Migration guide section. */
  section: string;
  severity?: 'error' | 'warning';
}

/** The rules (MIGRATION-GUIDE.md sections in `section`). */
export const V4_MIGRATION_RULES: MigrationRule[] = [
  // §13 Geometry: Point replaced by Vector2
  { match: { kind: 'path', tail: ['Geom', 'Point'] }, instead: 'Phaser.Math.Vector2 (Geom.Point and its helpers were removed; geometry returns Vector2)', section: '13. Geometry: Point Replaced by Vector2' },
  // §4 Tint system
  { match: { kind: 'call', name: 'setTintFill' }, instead: 'setTint(color).setTintMode(Phaser.TintModes.FILL) (setTintFill does nothing in v4)', section: '4. Tint System' },
  { match: { kind: 'member', name: 'tintFill' }, instead: 'tintMode = Phaser.TintModes.FILL (the tintFill property was removed)', section: '4. Tint System' },
  // §3 FX and masks are now filters
  { match: { kind: 'member', name: 'preFX' }, instead: 'filters.internal (preFX/postFX became the filters lists; enable with enableFilters())', section: '3. FX and Masks are now Filters' },
  { match: { kind: 'member', name: 'postFX' }, instead: 'filters.external (preFX/postFX became the filters lists; enable with enableFilters())', section: '3. FX and Masks are now Filters' },
  { match: { kind: 'path', tail: ['Masks', 'BitmapMask'] }, instead: 'gameObject.filters.internal.addMask(maskObject) (BitmapMask was removed)', section: '3. FX and Masks are now Filters' },
  { match: { kind: 'call', name: 'createBitmapMask' }, instead: 'gameObject.filters.internal.addMask(maskObject) (BitmapMask was removed)', section: '3. FX and Masks are now Filters' },
  // §1 Renderer: pipelines to render nodes
  { match: { kind: 'call', name: 'setPipeline' }, instead: 'render nodes / filters (pipelines were removed in v4)', section: '1. Renderer: Pipelines to Render Nodes' },
  { match: { kind: 'call', name: 'setPostPipeline' }, instead: 'filters (post pipelines were removed in v4)', section: '1. Renderer: Pipelines to Render Nodes' },
  // §15 Data structures: Structs.Set → native Set
  { match: { kind: 'call', name: 'iterate', on: 'children' }, instead: 'children.forEach(callback) or getChildren().forEach(callback) (Group#children is a native Set in v4)', section: '15. Data Structures' },
  { match: { kind: 'call', name: 'iterateLocal', on: 'children' }, instead: 'children.forEach(callback) (Group#children is a native Set in v4)', section: '15. Data Structures' },
  { match: { kind: 'call', name: 'each', on: 'children' }, instead: 'children.forEach(callback) (Group#children is a native Set in v4)', section: '15. Data Structures' },
  { match: { kind: 'call', name: 'getArray', on: 'children' }, instead: 'getChildren() or [...children] (Group#children is a native Set in v4)', section: '15. Data Structures' },
  { match: { kind: 'call', name: 'contains', on: 'children' }, instead: 'children.has(child) (Group#children is a native Set in v4)', section: '15. Data Structures' },
  { match: { kind: 'member', name: 'entries', on: 'children' }, instead: 'getChildren() (Group#children is a native Set in v4: entries is a method there, not an array)', section: '15. Data Structures' },
  // §14 Math constants
  { match: { kind: 'path', tail: ['Math', 'PI2'] }, instead: 'Phaser.Math.TAU (PI2 was removed; TAU is now PI * 2)', section: '14. Math Constants' },
  { match: { kind: 'path', tail: ['Math', 'TAU'] }, instead: 'Phaser.Math.PI_OVER_2 if PI / 2 was meant (TAU is now PI * 2, it was PI / 2 in v3)', section: '14. Math Constants', severity: 'warning' },
  // §17 Removed game objects
  { match: { kind: 'path', tail: ['GameObjects', 'Mesh'] }, instead: 'nothing: Mesh was removed in v4 (draw with Graphics, Sprites or a Shader)', section: '17. Removed Game Objects' },
  { match: { kind: 'path', tail: ['GameObjects', 'Plane'] }, instead: 'nothing: Plane was removed in v4 (draw with Graphics, Sprites or a Shader)', section: '17. Removed Game Objects' },
  { match: { kind: 'call', name: 'mesh', on: 'add' }, instead: 'nothing: Mesh was removed in v4 (draw with Graphics, Sprites or a Shader)', section: '17. Removed Game Objects' },
  { match: { kind: 'call', name: 'plane', on: 'add' }, instead: 'nothing: Plane was removed in v4 (draw with Graphics, Sprites or a Shader)', section: '17. Removed Game Objects' },
  // §19 Removed utilities
  { match: { kind: 'call', name: 'generate', on: 'textures' }, instead: 'a Graphics drawn then generateTexture(key, w, h) (TextureManager.generate was removed)', section: '19. Removed Utilities and Polyfills' },
  { match: { kind: 'path', tail: ['Create', 'GenerateTexture'] }, instead: 'graphics.generateTexture(key, w, h) (Create.GenerateTexture was removed)', section: '19. Removed Utilities and Polyfills' },
];

/** `a.b.c` of a property-access chain ending at `node` (identifiers and `this` only), else null. */
function dottedPath(node: ts.Expression): string[] | null {
  if (typescript.isIdentifier(node)) return [node.text];
  if (node.kind === typescript.SyntaxKind.ThisKeyword) return ['this'];
  if (typescript.isPropertyAccessExpression(node)) {
    const left = dottedPath(node.expression);
    return left ? [...left, node.name.text] : null;
  }
  return null;
}

/** Name of the member a receiver expression ends with (`this.coins.children` → `children`). */
function lastName(node: ts.Expression): string | null {
  if (typescript.isPropertyAccessExpression(node)) return node.name.text;
  if (typescript.isIdentifier(node)) return node.text;
  return null;
}

function position(file: ts.SourceFile, node: ts.Node): { line: number; column: number } {
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
  return { line: line + 1, column: character + 1 };
}

/**
 * v4 migration issues of one game (`api_removed_in_v4` errors, `api_changed_in_v4` warnings),
 * each at the member name it is about.
 */
export function v4MigrationIssues(file: ts.SourceFile, rules: MigrationRule[] = V4_MIGRATION_RULES): Issue[] {
  const found: Issue[] = [];
  const seen = new Set<string>();
  const report = (rule: MigrationRule, at: ts.Node, shown: string) => {
    const where = position(file, at);
    const key = `${where.line}:${where.column}:${shown}`;
    if (seen.has(key)) return;
    seen.add(key);
    const severity = rule.severity ?? 'error';
    const code = severity === 'error' ? 'api_removed_in_v4' : 'api_changed_in_v4';
    const what = severity === 'error' ? 'is a Phaser 3 API that Phaser 4 removed or changed' : 'changed meaning in Phaser 4';
    found.push(issue(code, `${shown} ${what}; did you mean ${rule.instead}? (Phaser 4 migration guide, ${rule.section})`, severity, where));
  };
  const visit = (node: ts.Node) => {
    if (typescript.isPropertyAccessExpression(node)) {
      const name = node.name.text;
      const receiver = lastName(node.expression);
      const isCalled = typescript.isCallExpression(node.parent) && node.parent.expression === node;
      for (const rule of rules) {
        const m = rule.match;
        if (m.kind === 'path') {
          if (name !== m.tail[m.tail.length - 1]) continue;
          const path = dottedPath(node);
          if (path && path.length >= m.tail.length && m.tail.every((part, i) => path[path.length - m.tail.length + i] === part)) report(rule, node.name, path.join('.'));
        } else if (name === m.name && (!m.on || receiver === m.on) && (m.kind === 'member' || isCalled)) {
          report(rule, node.name, `${m.on ? `${m.on}.` : ''}${name}${m.kind === 'call' ? '()' : ''}`);
        }
      }
    }
    typescript.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
