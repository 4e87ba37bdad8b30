import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The phaser-sft package folder (works from src/ under tsx and from dist/ once built). */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A file bundled with the package: `bundledPath('assets', 'seeds', 'demo_seeds.jsonl')`. */
export function bundledPath(...parts: string[]): string {
  return join(packageRoot, ...parts);
}
