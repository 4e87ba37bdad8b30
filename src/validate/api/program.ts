// A warm TypeScript program host: the Phaser declarations and the DOM/ES libs are parsed once and
// shared by every program; each batch of games is a fresh, cheap program over those SourceFiles.
import type ts from 'typescript';
import { typescript } from './typescript.js';
import { resolve } from 'node:path';

/**
 * How games are checked. `moduleDetection: force` makes every game file its own module, so
 * several games fit in one program without their top-level `config`/`game` colliding.
 * `strict: false` keeps loose-typing noise (implicit any, possibly-undefined
 * `this.input.keyboard`, untyped scene `this`) out of the diagnostics; `types: []` keeps
 * @types/node (installed for phaser-sft itself) out of the browser games' globals.
 */
export const COMPILER_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: true,
  noEmit: true,
  strict: false,
  noImplicitAny: false,
  target: typescript.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  noResolve: true,
  skipLibCheck: true,
  skipDefaultLibCheck: true,
  moduleDetection: typescript.ModuleDetectionKind.Force,
};

/** Virtual folder of the games being checked (never touches the disk). */
const GAME_DIR = '/__phaser_sft_games__/';

export interface BatchProgram {
  program: ts.Program;
  /** The game files of this batch, in input order. */
  files: ts.SourceFile[];
}

export class WarmProgramHost {
  private readonly declarationFiles: string[];
  private readonly cache = new Map<string, ts.SourceFile>();
  private readonly base: ts.CompilerHost;
  private games = new Map<string, string>();

  constructor(dtsFiles: string[]) {
    this.declarationFiles = dtsFiles.map((file) => resolve(file));
    this.base = typescript.createCompilerHost(COMPILER_OPTIONS, true);
  }

  /** True for a file of the Phaser declarations (phaser.d.ts, matter.d.ts). */
  isDeclarationFile(fileName: string): boolean {
    return this.declarationFiles.includes(resolve(fileName));
  }

  /** The parsed declaration SourceFiles (after the first program). */
  declarationSourceFiles(): ts.SourceFile[] {
    return this.declarationFiles.map((file) => this.cache.get(file)).filter((f): f is ts.SourceFile => Boolean(f));
  }

  /** One program for several games; each game is its own module sharing the warm declarations. */
  createProgram(codes: string[]): BatchProgram {
    this.games = new Map(codes.map((code, index) => [`${GAME_DIR}game${index}.js`, code]));
    const host: ts.CompilerHost = {
      ...this.base,
      getSourceFile: (fileName, languageVersion) => {
        const code = this.games.get(fileName);
        if (code !== undefined) return typescript.createSourceFile(fileName, code, languageVersion, true, typescript.ScriptKind.JS);
        const key = resolve(fileName);
        let file = this.cache.get(key);
        if (!file) {
          file = this.base.getSourceFile(fileName, languageVersion);
          if (file) this.cache.set(key, file);
        }
        return file;
      },
      fileExists: (fileName) => this.games.has(fileName) || this.base.fileExists(fileName),
      readFile: (fileName) => this.games.get(fileName) ?? this.base.readFile(fileName),
      writeFile: () => undefined,
    };
    const gameFiles = [...this.games.keys()];
    const program = typescript.createProgram({ rootNames: [...this.declarationFiles, ...gameFiles], options: COMPILER_OPTIONS, host });
    this.games = new Map();
    return { program, files: gameFiles.map((name) => program.getSourceFile(name)!) };
  }
}
