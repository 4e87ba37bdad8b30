// docs/scaling.md shows the Slurm job script scripts/slurm-smoke.sh submits: one script, so the
// copy in the docs must be that file, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);

test("docs/scaling.md's Slurm job is scripts/slurm/validate.sbatch, the one the smoke test submits", () => {
  const job = readFileSync(new URL('scripts/slurm/validate.sbatch', root), 'utf8');
  const docs = readFileSync(new URL('docs/scaling.md', root), 'utf8');
  assert.ok(docs.includes('```bash\n' + job + '```'), 'the docs hold the job script verbatim');
  assert.match(readFileSync(new URL('scripts/slurm-smoke.sh', root), 'utf8'), /scripts\/slurm\/validate\.sbatch\)?$/m);
});
