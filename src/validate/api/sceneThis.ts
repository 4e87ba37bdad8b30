// Function-style scenes (`scene: { preload, create, update }` with top-level functions) get no
// `this` type in JavaScript, so `this.add.text('oops')` would go unchecked. For the type check
// only, such functions are annotated `@this {Phaser.Scene & Record<string, any>}`: Phaser's
// members are checked, while the game's own `this.player = …` stays free (the index signature).
import { parseGame, type EsNode } from '../ast.js';

const SCENE_CALLBACKS = new Set(['init', 'preload', 'create', 'update']);
const ANNOTATION = '/** @this {Phaser.Scene & Record<string, any>} */ ';

/** Where an annotation was inserted: a diagnostic on `line` right of `column` moves left by `length`. */
export interface Insertion {
  line: number;
  column: number;
  length: number;
}

/** Names used as scene callbacks: `create: makeWorld`, `{ create }`, or a function named like one. */
function sceneCallbackNames(program: EsNode): Set<string> {
  const names = new Set<string>(SCENE_CALLBACKS);
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as EsNode;
    if (n.type === 'Property' && !n.computed && SCENE_CALLBACKS.has(n.key?.name ?? n.key?.value) && n.value?.type === 'Identifier') names.add(n.value.name);
    for (const value of Object.values(n)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object' && typeof (value as EsNode).type === 'string') visit(value);
    }
  };
  visit(program);
  return names;
}

/** The code with top-level scene callback functions annotated, and where the text moved. */
export function annotateSceneFunctions(code: string): { code: string; insertions: Insertion[] } {
  const { program } = parseGame(code);
  if (!program) return { code, insertions: [] };
  const names = sceneCallbackNames(program);
  const targets = (program.body as EsNode[]).filter((s) => s.type === 'FunctionDeclaration' && s.id && names.has(s.id.name) && !s.generator);
  if (!targets.length) return { code, insertions: [] };
  let out = '';
  let last = 0;
  const insertions: Insertion[] = [];
  for (const fn of targets) {
    out += code.slice(last, fn.start) + ANNOTATION;
    last = fn.start;
    insertions.push({ line: fn.loc!.start.line, column: fn.loc!.start.column + 1, length: ANNOTATION.length });
  }
  return { code: out + code.slice(last), insertions };
}
