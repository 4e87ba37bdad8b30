#!/usr/bin/env node
// Runs every test/**/*.test.ts with Node's own test runner (TypeScript through tsx).
// `npm test -- test/validate` runs only the tests under the given paths.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(path, out) {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) {
      if (entry === 'fixtures' || entry === 'node_modules') continue;
      collect(join(path, entry), out);
    }
  } else if (path.endsWith('.test.ts')) out.push(path);
  return out;
}

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];
const files = roots.flatMap((root) => collect(root, []));
if (!files.length) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
// `*.solo.test.ts` load the whole machine on purpose: they run after the others, one at a time
const solo = files.filter((file) => file.endsWith('.solo.test.ts'));
const shared = files.filter((file) => !solo.includes(file));
let status = 0;
for (const [group, concurrency] of [[shared, 2], [solo, 1]]) {
  if (!group.length) continue;
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...group],
    { stdio: 'inherit', env: { ...process.env, PHASER_SFT_TEST: '1' } },
  );
  if (result.status !== 0) status = result.status ?? 1;
}
process.exit(status);
