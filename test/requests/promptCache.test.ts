// Prompt caching that applies: the requests stage's static prefix (rules + core toolkit) is sent
// marked with cache_control and is at least the default teacher model's minimum cacheable length,
// so the provider really caches it; the dry run predicts the reads the real run reports.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApiIndex } from '../../src/apiIndex/index.js';
import { Workspace, countTokens, defaultConfig } from '../../src/core/index.js';
import { minCacheableTokens } from '../../src/distill/estimate.js';
import { splitSystemPrompt } from '../../src/llm/systemPrompt.js';
import { buildRequests } from '../../src/requests/build.js';
import { buildSeeds } from '../../src/seeds/build.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { startMockProvider } from '../helpers/mockProvider.js';

const fixtures = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
const root = tempDir('phaser-sft-cache-');
after(() => root.cleanup());
const KEY = 'sk-ant-test-cache-0123456789';

test('the static prefix (rules + toolkit) is marked for caching, long enough for the default model, and read back; the dry run predicts it', async () => {
  const ws = new Workspace(join(root.dir, 'ws'));
  const config = defaultConfig();
  buildApiIndex(ws, config);
  buildSeeds(ws, { count: 0, randomSeed: 1, inputs: [join(fixtures, 'demo_like.jsonl')], curated: false, threshold: 0.7 });
  buildRequests(ws, config, { quiet: true, samplesPerSeed: 1 });
  const requests = readFileSync(ws.requestsFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { system: string });
  assert.ok(requests.length >= 2);
  const model = config.teacher.claude.model;
  const minimum = minCacheableTokens(model);
  assert.ok(minimum.known, `${model} is in the minimum-cacheable table`);
  const prefixes = new Set(requests.map((r) => splitSystemPrompt(r.system).prefix));
  assert.equal(prefixes.size, 1, 'every request shares one static prefix');
  const [prefix] = prefixes;
  assert.ok(prefix.includes('core toolkit'), 'the toolkit is in the static prefix');
  assert.ok(countTokens(prefix) >= minimum.tokens, `prefix ${countTokens(prefix)} tokens ≥ ${minimum.tokens}`);

  const env = { ANTHROPIC_API_KEY: KEY };
  const dry = await runCli(['distill', '--teacher', 'claude', '--dry-run', '--json', '--workspace', ws.root], { env });
  assert.equal(dry.code, 0, dry.stderr);
  const estimate = JSON.parse(dry.stdout).estimate;
  assert.equal(estimate.cache.cacheable, true);
  assert.equal(estimate.cache.prefix_tokens, countTokens(prefix));
  assert.equal(estimate.cache.predicted_cache_read_requests, requests.length - 1);

  const mock = await startMockProvider({ apiKey: KEY, minCacheableTokens: minimum.tokens });
  try {
    const run = await runCli(['distill', '--teacher', 'claude', '--concurrency', '1', '--json', '--workspace', ws.root], { env: { ...env, ANTHROPIC_BASE_URL: mock.url } });
    assert.equal(run.code, 0, run.stderr);
    const sent = mock.received.filter((r) => r.route === 'messages');
    assert.equal(sent.length, requests.length);
    for (const request of sent) {
      const [cached, rest] = request.system!;
      assert.deepEqual(cached.cache_control, { type: 'ephemeral' }, 'the static block is marked');
      assert.equal(cached.text, prefix);
      assert.equal(rest.cache_control, undefined, 'the per-request reference is not');
      assert.ok(rest.text.startsWith('### Phaser API reference'));
    }
    const report = JSON.parse(readFileSync(ws.stageReportFile('distill_claude'), 'utf8'));
    assert.equal(report.cache.read_tokens, estimate.cache.predicted_cache_read_tokens, 'real cache reads = predicted');
    assert.equal(report.cache.write_tokens, estimate.cache.predicted_cache_write_tokens);
    assert.ok(report.cache.read_share_of_input > 0.5);
  } finally {
    await mock.close();
  }
});
