import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { InputError, UsageError } from './errors.js';
import type { PhaserLine } from './config/index.js';

/** Where the installed `phaser` package keeps what phaser-sft reads. */
export interface PhaserPackage {
  dir: string;
  /** The package's own version (e.g. 3.90.0, 4.2.1). */
  version: string;
  /** Its line: the major version ("3" | "4"). */
  line: PhaserLine;
  /** `types/phaser.json`: the JSDoc doclets (API index source). */
  docletsFile: string;
  /** `types/phaser.d.ts` and `types/matter.d.ts` (L2 type-check). */
  dtsFile: string;
  matterDtsFile: string;
  /** `dist/phaser.min.js` (L4 runtime). */
  runtimeFile: string;
}

/** The npm package each line is installed as (package.json: `phaser` ~3.90, `phaser4` = npm:phaser@~4.2). */
export const PHASER_PACKAGES: Record<PhaserLine, string> = { '3': 'phaser', '4': 'phaser4' };

/**
 * Locate a Phaser package: `packageDir` (config `phaser.package_dir`) when given, else the
 * installed package of `line` (config `phaser.version`, default "3"), resolvable from phaser-sft.
 * A package without `types/` is bad input (exit 2), and so is one whose major is not `line`
 * when the line was asked for by the package's own name.
 */
export function findPhaser(packageDir?: string, line: PhaserLine = '3'): PhaserPackage {
  let dir: string;
  if (packageDir) {
    dir = resolve(packageDir);
  } else {
    const name = PHASER_PACKAGES[line];
    try {
      const require = createRequire(import.meta.url);
      dir = dirname(require.resolve(`${name}/package.json`));
    } catch {
      const install = line === '3' ? 'npm install phaser@~3.90' : 'npm install phaser4@npm:phaser@~4.2.1';
      throw new InputError({ file: `node_modules/${name}` }, `Phaser ${line} (the \`${name}\` package) is not installed; run \`${install}\``);
    }
  }
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) throw new InputError({ file: manifest }, 'not a phaser package (no package.json)');
  const version = String((JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? 'unknown');
  const major = /^(\d+)\./.exec(version)?.[1];
  const pkg: PhaserPackage = {
    dir,
    version,
    line: major === '4' ? '4' : '3',
    docletsFile: join(dir, 'types', 'phaser.json'),
    dtsFile: join(dir, 'types', 'phaser.d.ts'),
    matterDtsFile: join(dir, 'types', 'matter.d.ts'),
    runtimeFile: join(dir, 'dist', 'phaser.min.js'),
  };
  for (const file of [pkg.docletsFile, pkg.dtsFile]) {
    if (!existsSync(file)) throw new InputError({ file }, `phaser ${version} has no types/ docs here; phaser-sft needs a phaser 3.x or 4.x package that ships types/phaser.json and types/phaser.d.ts`);
  }
  return pkg;
}

/** The Phaser package a config targets: `phaser.package_dir` when set, else the installed package of `phaser.version`. */
export function phaserOf(config: { phaser: { version: PhaserLine; package_dir?: string } }): PhaserPackage {
  return findPhaser(config.phaser.package_dir, config.phaser.version);
}

/**
 * A prompt written for Phaser 3.90 (the bundled teacher and student prompts) retargeted to
 * `line`: under "4" every "Phaser 3.90" / "Phaser 3 (version 3.90)" names Phaser 4.2 instead.
 * Under "3" the text is returned unchanged (same bytes, same request ids).
 */
export function promptForLine(text: string, line: PhaserLine): string {
  if (line === '3') return text;
  return text
    .replace(/Phaser 3 \(version 3\.90\)/g, 'Phaser 4 (version 4.2)')
    .replace(/Phaser 3\.90/g, 'Phaser 4.2')
    .replace(/\bPhaser 3\b/g, 'Phaser 4');
}

/** A `--phaser 3,4`-style list of lines (distinct, in the order given); a usage error names the flag. */
export function parsePhaserLines(text: string, flag: string): PhaserLine[] {
  const parts = text.split(',').map((part) => part.trim()).filter(Boolean);
  if (!parts.length) throw new UsageError(`${flag}: expected a list of Phaser lines such as 3,4`);
  for (const part of parts) if (part !== '3' && part !== '4') throw new UsageError(`${flag}: unknown Phaser line "${part}" (expected 3, 4 or 3,4)`);
  return [...new Set(parts as PhaserLine[])];
}
