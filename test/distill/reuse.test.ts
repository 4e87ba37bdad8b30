// Paid work survives edits: an edited prompt gives new request_ids, but an answer already paid
// for the same seed and sample stays a candidate and is not sent again; --refresh re-sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, readJsonlSync } from '../../src/core/index.js';
import { runParse } from '../../src/parse/index.js';
import type { TeacherRequest } from '../../src/schemas/index.js';
import { startMockProvider } from '../helpers/mockProvider.js';
import { writeWorkspace } from '../helpers/workspace.js';
import { distillIn } from './inProcess.js';
import { TEST_KEY, makeWorkspace, readLines } from './workspace.js';

test('an edited teacher prompt re-sends nothing (answers kept as candidates of the new requests); --refresh re-sends', async (t) => {
  const ws = makeWorkspace(t, 4);
  const mock = await startMockProvider({ apiKey: TEST_KEY });
  t.after(() => mock.close());
  const env = { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: mock.url };
  const first = await distillIn(ws.dir, { teacher: 'claude', concurrency: 1 }, env);
  assert.equal(first.answered, 4);
  assert.equal(mock.calls.messages, 4);

  // One word changed in the prompt: every request gets a new id (the id is the hash of what is sent).
  const workspace = new Workspace(ws.dir);
  const old = readJsonlSync(workspace.requestsFile).map((row) => row.value as TeacherRequest);
  const edited = old.map((r) => ({ ...r, request_id: `new-${r.request_id}`, system: r.system.replace('You write', 'You author') }));
  writeWorkspace(workspace, { requests: edited });

  const dry = await distillIn(ws.dir, { teacher: 'claude', dryRun: true }, env);
  assert.equal(dry.estimate!.requests, 0, 'the dry run has nothing to send');
  assert.equal(dry.kept, 4);
  const again = await distillIn(ws.dir, { teacher: 'claude', concurrency: 1 }, env);
  assert.equal(mock.calls.messages, 4, 'nothing re-sent');
  assert.deepEqual([again.answered, again.kept, again.unanswered], [0, 4, 0]);

  const parsed = await runParse(workspace, { quiet: true });
  assert.equal(parsed.orphans, 0);
  assert.equal(parsed.kept, 4);
  const candidates = readJsonlSync(workspace.candidatesFile()).map((row) => row.value as { request_id: string; answered_request_id?: string });
  assert.deepEqual(candidates.map((c) => c.request_id).sort(), edited.map((r) => r.request_id).sort(), 'candidates of the current requests');
  assert.deepEqual(candidates.map((c) => c.answered_request_id).sort(), old.map((r) => r.request_id).sort(), 'each says which request it answered');

  // --refresh asks anew on purpose; the new answers replace the kept ones as candidates.
  const refreshed = await distillIn(ws.dir, { teacher: 'claude', concurrency: 1, refresh: true }, env);
  assert.equal(refreshed.answered, 4);
  assert.equal(mock.calls.messages, 8);
  assert.equal(readLines(ws.file('raw_outputs_claude.jsonl')).length, 8);
  const reparsed = await runParse(workspace, { quiet: true });
  assert.equal(reparsed.kept, 0);
  assert.equal(reparsed.orphans, 4, 'the old answers are superseded');
  const fresh = readJsonlSync(workspace.candidatesFile()).map((row) => row.value as { request_id: string; answered_request_id?: string });
  assert.equal(fresh.length, 4);
  assert.ok(fresh.every((c) => c.request_id.startsWith('new-') && c.answered_request_id === undefined));
  // And a later run sends nothing more.
  await distillIn(ws.dir, { teacher: 'claude', concurrency: 1 }, env);
  assert.equal(mock.calls.messages, 8);
});
