// Counts the bundled API usage prior (assets/api_prior/phaser_api_prior.json) from the project's
// own passing games: test/fixtures/games/good/*.js and the runtime fixtures labelled as passing.
// Each game's mechanics come from its header comment, read as a seed prompt would be.
//
//   npx tsx scripts/build-api-prior.ts           # rewrite the bundled prior
//   npx tsx scripts/build-api-prior.ts --check   # exit 1 when the bundled prior is stale
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApiIndex, loadApiIndex } from '../src/apiIndex/index.js';
import { buildUsagePrior, bundledPriorFile, type UsedGame } from '../src/apiIndex/usagePrior.js';
import { Workspace, defaultConfig, findPhaser, logger } from '../src/core/index.js';
import { inferGenre, inferMechanics } from '../src/seeds/infer.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const gamesDir = join(root, 'test', 'fixtures', 'games');

/** The passing fixtures, each with the mechanics its header comment names. */
export function fixtureGames(): Array<UsedGame & { file: string }> {
  const labels = JSON.parse(readFileSync(join(gamesDir, 'runtime', 'labels.json'), 'utf8')) as Record<string, { passes: boolean }>;
  const files = [
    ...readdirSync(join(gamesDir, 'good')).filter((f) => f.endsWith('.js')).sort().map((f) => join('good', f)),
    ...Object.entries(labels).filter(([, label]) => label.passes).map(([f]) => join('runtime', f)).sort(),
  ];
  return files.map((file) => {
    const code = readFileSync(join(gamesDir, file), 'utf8');
    const header = /^\s*\/\/\s*(.+)/.exec(code)?.[1] ?? '';
    return { file, code, mechanics: inferMechanics(header, inferGenre(header)) };
  });
}

function main(): void {
  logger.setQuiet(true);
  const dir = mkdtempSync(join(tmpdir(), 'phaser-sft-prior-'));
  try {
    const built = buildApiIndex(new Workspace(dir), defaultConfig());
    const index = loadApiIndex(built.file);
    const prior = buildUsagePrior(fixtureGames(), index, { phaserVersion: findPhaser().version, source: 'test/fixtures/games (passing fixtures)' });
    const text = JSON.stringify(prior, null, 1) + '\n';
    if (process.argv.includes('--check')) {
      const current = readFileSync(bundledPriorFile, 'utf8');
      if (current !== text) {
        process.stderr.write(`${bundledPriorFile} is stale: run npx tsx scripts/build-api-prior.ts\n`);
        process.exitCode = 1;
      }
      return;
    }
    writeFileSync(bundledPriorFile, text);
    process.stdout.write(`wrote ${bundledPriorFile}: ${prior.games} games, ${Object.keys(prior.apis).length} APIs, ${Object.keys(prior.by_mechanic).length} mechanics\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
