import { readFileSync, readdirSync } from 'node:fs';
import { Validator } from '../src/validate/validator.ts';
import { defaultConfig } from '../src/core/index.ts';
const dir = process.argv[2]; const workers = Number(process.argv[3] ?? 1);
const v = await Validator.create({ config: defaultConfig(), levels: ['L1', 'L2', 'L3'], workers });
const names = readdirSync(dir);
for (let round = 0; round < 3; round++) {
  const t = performance.now();
  const res = await Promise.all(names.map((n) => v.validate({ code: readFileSync(dir + '/' + n, 'utf8') + `\n// r${round}`, codeHash: n })));
  console.log('round', round, 'ms', (performance.now() - t).toFixed(0), 'passed', res.filter((r) => r.passed).length, '/', res.length, v.version);
}
await v.close();
