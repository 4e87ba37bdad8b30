import { readFileSync, readdirSync } from 'node:fs';
import { Validator } from '../src/validate/validator.ts';
import { defaultConfig } from '../src/core/index.ts';
const v = await Validator.create({ config: defaultConfig(), levels: ['L1', 'L2', 'L3'], workers: 1 });
for (const kind of ['bad', 'good']) {
  const dir = `test/fixtures/games/${kind}/`;
  const names = readdirSync(dir);
  const res = await Promise.all(names.map((n) => v.validate({ code: readFileSync(dir + n, 'utf8'), codeHash: n })));
  names.forEach((n, i) => {
    const r = res[i]; const label = /expect: (L\d) (\w+)/.exec(readFileSync(dir + n, 'utf8'));
    const errs = Object.entries(r.levels).flatMap(([l, lr]) => lr!.issues.filter((x) => x.severity === 'error').map((x) => `${l} ${x.code}`));
    const ok = kind === 'good' ? r.passed : Boolean(label && errs.includes(`${label[1]} ${label[2]}`));
    console.log(ok ? 'OK  ' : 'MISS', kind, n, label ? label[1] + ' ' + label[2] : '', '| errors:', [...new Set(errs)].join(', '));
  });
}
await v.close();
