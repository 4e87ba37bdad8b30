import { readFileSync, readdirSync } from 'node:fs';
import { ApiChecker } from '../src/validate/api/index.ts';
const codes = ['good', 'bad'].flatMap((k) => readdirSync(`test/fixtures/games/${k}`).map((n) => readFileSync(`test/fixtures/games/${k}/${n}`, 'utf8')));
const checker = new ApiChecker();
checker.checkBatch(codes.slice(0, 4));
for (const batch of [8, 16, 36, 71, 8, 71]) {
  const t = performance.now();
  for (let i = 0; i < codes.length; i += batch) checker.checkBatch(codes.slice(i, i + batch));
  const cpu = process.cpuUsage();
  console.log('batch', batch, 'ms/game', ((performance.now() - t) / codes.length).toFixed(1));
}
