// L2 API: the game type-checked as JavaScript against the installed Phaser's own declarations.
import type ts from 'typescript';
import { typescript } from './typescript.js';
import type { LevelInput, ValidatorLevel } from '../level.js';
import { findPhaser, type PhaserPackage } from '../../core/index.js';
import { issue, levelResult } from '../issues.js';
import type { Issue, LevelResult } from '../../schemas/index.js';
import { WarmProgramHost } from './program.js';
import { collectApiNames } from './apiNames.js';
import { classifyDiagnostic } from './classify.js';
import { receiverSuggester, type MemberSuggester } from './suggest.js';
import { annotateSceneFunctions, type Insertion } from './sceneThis.js';
import { v4MigrationIssues } from './v4Migration.js';
import { untypedMemberIssues } from './untypedMembers.js';

/** Bump when the L2 policy changes (part of the validator version, with the TS and Phaser versions). */
const L2_VERSION = '3'; // 2: union members printed in sorted order (resumes are byte-identical); 3: v4 migration rules, runtime-optional args, implicit globals, members that exist nowhere
/**
 * Games per program. Each program pays a fixed cost (a new checker re-resolves every Phaser type
 * the games touch), so batches amortise it. Measured CPU per game on the fixture corpus:
 * 16 a batch ≈ 56 ms, 64 ≈ 18–24 ms, 142 ≈ 18 ms (RSS ≈ 0.5 GB); 64 is near the floor.
 */
const DEFAULT_BATCH = 64;
/** Warnings kept per game; the rest are counted in one info issue. */
const MAX_WARNINGS = 25;

export interface ApiCheckSettings {
  phaser?: PhaserPackage;
  suggester?: MemberSuggester;
  batchSize?: number;
}

/** A warm checker: the Phaser declarations parsed once, games checked in batches of separate modules. */
export class ApiChecker {
  readonly phaser: PhaserPackage;
  private readonly host: WarmProgramHost;
  private readonly suggester: MemberSuggester;
  private apiNames: Set<string> | undefined;
  /** Member names of the JS/DOM libs (lib.es2022, lib.dom). */
  private libNames: Set<string> | undefined;

  constructor(settings: ApiCheckSettings = {}) {
    this.phaser = settings.phaser ?? findPhaser();
    this.host = new WarmProgramHost([this.phaser.dtsFile, this.phaser.matterDtsFile]);
    this.suggester = settings.suggester ?? receiverSuggester;
  }

  /** Issues of each game, in input order. */
  checkBatch(codes: string[]): Issue[][] {
    const annotated = codes.map(annotateSceneFunctions);
    const { program, files } = this.host.createProgram(annotated.map((a) => a.code));
    this.apiNames ??= collectApiNames(this.host.declarationSourceFiles());
    const checker = program.getTypeChecker();
    this.libNames ??= collectApiNames(program.getSourceFiles().filter((f) => program.isSourceFileDefaultLibrary(f)));
    const known = (name: string) => this.apiNames!.has(name) || this.libNames!.has(name);
    return files.map((file, index) => {
      const context = { checker, file, apiNames: this.apiNames!, isPhaserFile: (name: string) => this.host.isDeclarationFile(name), suggester: this.suggester };
      const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
      let issues = diagnostics.map((d) => classifyDiagnostic(d, context));
      if (this.phaser.line === '4') issues = withMigrationIssues(issues, v4MigrationIssues(file));
      issues = [...issues, ...untypedMemberIssues(file, checker, known)];
      return capWarnings(issues.map((found) => unshift(found, annotated[index].insertions)));
    });
  }
}

/**
 * The v4 migration issues replace the type checker's at the same place (its "no such member"
 * cannot say what replaced the v3 API).
 */
function withMigrationIssues(issues: Issue[], migration: Issue[]): Issue[] {
  if (!migration.length) return issues;
  const at = new Set(migration.map((m) => `${m.line}:${m.column}`));
  return [...issues.filter((i) => !at.has(`${i.line}:${i.column}`)), ...migration];
}

/** Put an issue back at its place in the original code (before the `@this` annotations). */
function unshift(found: Issue, insertions: Insertion[]): Issue {
  const insertion = insertions.find((i) => i.line === found.line);
  if (!insertion || found.column === null || found.column < insertion.column + insertion.length) return found;
  return { ...found, column: found.column - insertion.length };
}

function capWarnings(issues: Issue[]): Issue[] {
  const errors = issues.filter((i) => i.severity === 'error');
  const others = issues.filter((i) => i.severity !== 'error');
  if (others.length <= MAX_WARNINGS) return [...errors, ...others];
  return [...errors, ...others.slice(0, MAX_WARNINGS), issue('more_warnings', `${others.length - MAX_WARNINGS} more type warnings not listed`, 'info')];
}

interface Pending {
  input: LevelInput;
  resolve: (result: LevelResult) => void;
  reject: (error: unknown) => void;
}

/**
 * The L2 level. Concurrent `check` calls are gathered into one program per batch (each game
 * its own module), which is what makes the warm checker fast; a lone call is a batch of one.
 */
export function createApiLevel(settings: ApiCheckSettings = {}): ValidatorLevel {
  const checker = new ApiChecker(settings);
  const batchSize = settings.batchSize ?? DEFAULT_BATCH;
  const queue: Pending[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const batch = queue.splice(0, batchSize);
    if (queue.length) schedule();
    try {
      const results = checker.checkBatch(batch.map((p) => p.input.code));
      batch.forEach((pending, i) => pending.resolve(levelResult(results[i])));
    } catch (error) {
      batch.forEach((pending) => pending.reject(error));
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    name: 'L2',
    version: `${L2_VERSION}+ts${typescript.version}+phaser${checker.phaser.version}`,
    check(input) {
      return new Promise<LevelResult>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        schedule();
      }).then((result) => ({ result }));
    },
  };
}
