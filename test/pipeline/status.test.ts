import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, defaultConfig, writeJsonAtomic, writeJsonlAtomic } from '../../src/core/index.js';
import { fingerprint, settingsHash, writeManifest } from '../../src/pipeline/manifest.js';
import { stageSpec } from '../../src/pipeline/stages.js';
import { formatStatus, workspaceStatus } from '../../src/pipeline/status.js';
import { withTempDir } from '../helpers/tempDir.js';
import { checkpointRecord } from '../helpers/records.js';

test('status: a stage killed mid-run is failed, unanswered requests are incomplete, and next says what to run', async (t) => {
  const dir = withTempDir(t);
  const workspace = new Workspace(dir);
  const config = defaultConfig();
  const ctx = { workspace, config, teacher: 'replay' };
  writeJsonlAtomic(workspace.requestsFile, [{ request_id: 'r1' }, { request_id: 'r2' }]);
  writeJsonlAtomic(workspace.rawOutputsFile('replay'), [{ request_id: 'r1' }]);
  writeJsonAtomic(workspace.checkpointFile('replay'), checkpointRecord({ total: 2, done: 1, unanswered: 1 }));
  const distill = stageSpec('distill')!;
  const settings = { config: distill.settings(ctx), flags: { teacher: 'replay' } };
  writeManifest(workspace, {
    stage: 'distill',
    status: 'done',
    pid: 1,
    started_at: 't',
    finished_at: 't',
    settings_hash: settingsHash(settings),
    settings,
    inputs: await fingerprint(workspace, distill.inputs(ctx)),
    outputs: await fingerprint(workspace, distill.outputs(ctx)),
  });
  // parse started by a process that no longer exists (kill -9).
  writeManifest(workspace, { stage: 'parse', status: 'running', pid: 2 ** 22 + 12345, started_at: 't', settings_hash: '', settings: {}, inputs: [], outputs: [] });

  const status = await workspaceStatus({ workspace, config });
  const byStage = Object.fromEntries(status.stages.map((s) => [s.stage, s]));
  assert.equal(byStage.distill.state, 'incomplete');
  assert.match(byStage.distill.reason!, /1 request\(s\) unanswered/);
  assert.equal(byStage.parse.state, 'failed');
  assert.match(byStage.parse.reason!, /process gone/);
  assert.equal(byStage.validate.state, 'not run');
  assert.equal(byStage['api-index'].state, 'not run');
  assert.match(status.next!, /phaser-sft run --from api-index/);
  assert.match(formatStatus(status), /distill\s+incomplete/);
});
