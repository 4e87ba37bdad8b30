import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { InputError } from './errors.js';

/** Where the installed `phaser` package keeps what phaser-sft reads. */
export interface PhaserPackage {
  dir: string;
  version: string;
  /** `types/phaser.json`: the JSDoc doclets (API index source). */
  docletsFile: string;
  /** `types/phaser.d.ts` and `types/matter.d.ts` (L2 type-check). */
  dtsFile: string;
  matterDtsFile: string;
  /** `dist/phaser.min.js` (L4 runtime). */
  runtimeFile: string;
}

/**
 * Locate the `phaser` package: `packageDir` (config `phaser.package_dir`) when given, else the
 * one resolvable from phaser-sft itself. A package without `types/` is bad input (exit 2).
 */
export function findPhaser(packageDir?: string): PhaserPackage {
  let dir: string;
  if (packageDir) {
    dir = resolve(packageDir);
  } else {
    try {
      const require = createRequire(import.meta.url);
      dir = dirname(require.resolve('phaser/package.json'));
    } catch {
      throw new InputError({ file: 'node_modules/phaser' }, 'the `phaser` package is not installed; run `npm install phaser@3.90`');
    }
  }
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) throw new InputError({ file: manifest }, 'not a phaser package (no package.json)');
  const version = String((JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? 'unknown');
  const pkg: PhaserPackage = {
    dir,
    version,
    docletsFile: join(dir, 'types', 'phaser.json'),
    dtsFile: join(dir, 'types', 'phaser.d.ts'),
    matterDtsFile: join(dir, 'types', 'matter.d.ts'),
    runtimeFile: join(dir, 'dist', 'phaser.min.js'),
  };
  for (const file of [pkg.docletsFile, pkg.dtsFile]) {
    if (!existsSync(file)) throw new InputError({ file }, `phaser ${version} has no types/ docs here; phaser-sft needs a phaser 3.x package that ships types/phaser.json and types/phaser.d.ts`);
  }
  return pkg;
}
