#!/usr/bin/env node
// The import boundaries of src/, checked (run by `npm test` through test/boundaries.test.ts;
// by hand: `node scripts/check-boundaries.mjs [srcDir] [--no-exceptions]`). Every import counts — static, dynamic
// `import()`, `import type` and `export … from` — and three rules hold:
//
// 1. No import cycle between files (type-only imports aside: they are erased when compiled, so
//    they cannot make a module wait for itself).
// 2. Layers: shared (core, schemas, llm) ← stage and library folders ← pipeline ← cli. A folder
//    imports only its own layer or those below; nothing imports cli.
// 3. Public entries: from another folder, import its `stage.ts` (the stage definition) or its
//    `index.ts` (its library API), never another file. The shared folders are open: any file.
//
// Exits 1 listing every violation (and every exception below that is no longer needed).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Folders any module may import, any file of them. */
export const SHARED = ['core', 'schemas', 'llm'];
/** The composers above the stages: `pipeline` lists the stages, `cli` parses flags and prints. */
export const LAYER_OF = { pipeline: 2, cli: 3 };
/** The files through which another folder is entered. */
export const PUBLIC_ENTRIES = ['stage.ts', 'index.ts'];

/**
 * Known exceptions, in one place: imports that break rule 2 or 3 today and are on their way out.
 * Each names the importing file, the imported file and why. An exception that no longer matches
 * an import fails the check too, so that the list cannot go stale: delete it then.
 */
export const EXCEPTIONS = [
  // The report shows the pipeline's status table, so it sits above the pipeline it is a stage of.
  // It goes once the report is given the status instead of computing it (collect.ts, r3-artifacts).
  { from: 'report/collect.ts', to: 'pipeline/status.ts', why: 'the report computes the pipeline status itself' },
];

/** Every .ts file under `dir`, as paths relative to it with `/` separators. */
function sourceFiles(dir, prefix = '') {
  const out = [];
  for (const entry of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${entry}` : entry;
    if (statSync(join(dir, rel)).isDirectory()) out.push(...sourceFiles(dir, rel));
    else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** `import type { A }`, `import { type A, type B }`, `export type { A } from`: nothing left at run time. */
function typeOnly(node) {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (!clause) return false; // `import './x.js'` runs x
    if (clause.isTypeOnly) return true;
    const named = clause.namedBindings;
    return !clause.name && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
  }
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** What a file imports: static, dynamic, type-only and re-exports alike, each marked type-only or not. */
export function importSpecifiers(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: typeOnly(node) });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * The import graphs of `srcDir`, file → the files of srcDir it imports (relative paths): `all`
 * imports, and `runtime` ones (type-only imports left out).
 */
export function importGraph(srcDir) {
  const root = resolve(srcDir);
  const all = new Map();
  const runtime = new Map();
  for (const file of sourceFiles(root)) {
    const targets = new Set();
    const runtimeTargets = new Set();
    for (const { specifier, typeOnly: erased } of importSpecifiers(file, readFileSync(join(root, file), 'utf8'))) {
      if (!specifier.startsWith('.')) continue; // packages and node: builtins
      const target = resolveSpecifier(join(root, dirname(file)), specifier);
      if (!target || !target.startsWith(root + sep)) continue;
      const rel = relative(root, target).split(sep).join('/');
      targets.add(rel);
      if (!erased) runtimeTargets.add(rel);
    }
    all.set(file, [...targets].sort());
    runtime.set(file, [...runtimeTargets].sort());
  }
  return { all, runtime };
}

/** `./x.js` → ./x.ts (NodeNext style), or ./x/index.ts; undefined when no such file. */
function resolveSpecifier(fromDir, specifier) {
  const base = resolve(fromDir, specifier);
  const candidates = [base.replace(/\.(m?)js$/, '.$1ts'), base, `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile());
}

/** Import cycles: each strongly connected component of more than one file (or a self-import), as a path. */
export function findCycles(graph) {
  // Tarjan's algorithm, iterative (src/ is deep enough to matter for recursion on bigger trees).
  let index = 0;
  const indices = new Map();
  const lowlink = new Map();
  const onStack = new Set();
  const stack = [];
  const components = [];
  for (const start of graph.keys()) {
    if (indices.has(start)) continue;
    const work = [[start, 0]];
    indices.set(start, index);
    lowlink.set(start, index++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const [node, i] = frame;
      const next = graph.get(node) ?? [];
      if (i < next.length) {
        frame[1]++;
        const target = next[i];
        if (!indices.has(target)) {
          indices.set(target, index);
          lowlink.set(target, index++);
          stack.push(target);
          onStack.add(target);
          work.push([target, 0]);
        } else if (onStack.has(target)) lowlink.set(node, Math.min(lowlink.get(node), indices.get(target)));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        lowlink.set(parent, Math.min(lowlink.get(parent), lowlink.get(node)));
      }
      if (lowlink.get(node) === indices.get(node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        const selfImport = component.length === 1 && (graph.get(node) ?? []).includes(node);
        if (component.length > 1 || selfImport) components.push(cyclePath(graph, new Set(component)));
      }
    }
  }
  return components;
}

/** One cycle through a component, as `a → b → … → a`, starting from its first file by name. */
function cyclePath(graph, members) {
  const start = [...members].sort()[0];
  // Breadth-first from start back to start, staying inside the component.
  const previous = new Map();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift();
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let at = node; at !== start; at = previous.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

const folderOf = (file) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '');
/** 0 shared, 1 a stage or library folder, 2 pipeline, 3 cli (and files at the top of src/). */
const layerOf = (folder) => (SHARED.includes(folder) ? 0 : folder === '' ? 3 : (LAYER_OF[folder] ?? 1));

/** Imports across folders that break the layers or enter a folder other than by its public entry. */
export function boundaryViolations(graph) {
  const violations = [];
  for (const [from, targets] of graph) {
    const source = folderOf(from);
    for (const to of targets) {
      const target = folderOf(to);
      if (target === source) continue;
      let why;
      if (layerOf(target) > layerOf(source)) why = `${source || 'src'} (layer ${layerOf(source)}) imports upward into ${target} (layer ${layerOf(target)})`;
      else if (!SHARED.includes(target) && !PUBLIC_ENTRIES.includes(to.slice(target.length + 1))) why = `enters ${target}/ other than by its public entry (${PUBLIC_ENTRIES.map((e) => `${target}/${e}`).join(' or ')})`;
      if (why) violations.push({ from, to, why });
    }
  }
  return violations;
}

/** Every problem in `srcDir`: cycles, boundary violations not excepted, stale exceptions. */
export function checkBoundaries(srcDir, exceptions = EXCEPTIONS) {
  const { all: graph, runtime } = importGraph(srcDir);
  const problems = findCycles(runtime).map((cycle) => `import cycle: ${cycle.join(' → ')}`);
  const excepted = (v) => exceptions.some((e) => e.from === v.from && e.to === v.to);
  for (const v of boundaryViolations(graph)) if (!excepted(v)) problems.push(`${v.from} → ${v.to}: ${v.why}`);
  for (const e of exceptions) {
    if (!(graph.get(e.from) ?? []).includes(e.to)) problems.push(`stale exception: ${e.from} → ${e.to} is no longer imported; delete it from EXCEPTIONS in scripts/check-boundaries.mjs`);
  }
  return { files: graph.size, problems };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `--no-exceptions`: check a tree other than this project's (the tests' planted ones).
  const args = process.argv.slice(2);
  const exceptions = args.includes('--no-exceptions') ? [] : EXCEPTIONS;
  const srcDir = args.find((a) => !a.startsWith('--')) ?? fileURLToPath(new URL('../src', import.meta.url));
  const { files, problems } = checkBoundaries(srcDir, exceptions);
  if (problems.length) {
    console.error(`check-boundaries: ${problems.length} problem(s) in ${srcDir}:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`check-boundaries: ${files} files, no import cycle, every cross-folder import through a public entry (${exceptions.length} known exceptions)`);
}
