import { readFileSync, readdirSync } from 'node:fs';
import { ApiChecker } from '../src/validate/api/index.ts';
const base = ['good', 'bad'].flatMap((k) => readdirSync(`test/fixtures/games/${k}`).map((n) => readFileSync(`test/fixtures/games/${k}/${n}`, 'utf8')));
const codes = [...base, ...base.map((c) => c + '// 2\n')];
const checker = new ApiChecker();
checker.checkBatch(codes.slice(0, 4));
for (const batch of [16, 64, 142, 64]) {
  const t = performance.now(); const c0 = process.cpuUsage();
  for (let i = 0; i < codes.length; i += batch) checker.checkBatch(codes.slice(i, i + batch));
  const c = process.cpuUsage(c0);
  console.log('batch', batch, 'wall ms/game', ((performance.now() - t) / codes.length).toFixed(1), 'cpu ms/game', ((c.user + c.system) / 1000 / codes.length).toFixed(1), 'rss MB', (process.memoryUsage().rss / 1e6).toFixed(0));
}
