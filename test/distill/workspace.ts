// A tiny distill workspace for tests: config with fast retries and N requests whose system
// prompt has a static prefix (long enough to be cached) and a per-request API context.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../src/core/index.js';
import type { TeacherRequest } from '../../src/schemas/index.js';
import { withTempDir, type AfterHook } from '../helpers/tempDir.js';
import { writeWorkspace } from '../helpers/workspace.js';

export const TEST_KEY = 'sk-ant-test-SECRET-0123456789abcdef';
export const TEST_OPENAI_KEY = 'sk-openai-test-SECRET-fedcba9876543210';

const RULES = Array.from({ length: 90 }, (_, i) => `Rule ${i + 1}: write one self-contained Phaser 3 file that uses the global Phaser object, draws its textures, and never loads assets.`).join('\n');

export function systemPrompt(i: number): string {
  return `You write Phaser 3 games.\n${RULES}\n\n### Phaser API reference (retrieved for this request)\nPhaser.Physics.Arcade.Sprite#setVelocity(x, y) — request ${i}\n`;
}

export interface TestWorkspace {
  dir: string;
  requestIds: string[];
  users: string[];
  file: (name: string) => string;
}

/**
 * A workspace with `count` requests and config overrides merged into `teacher`, removed after
 * the test `t`. `fields(i)`: extra fields of request i (e.g. its own `max_tokens`).
 */
export function makeWorkspace(t: AfterHook, count: number, teacher: Record<string, unknown> = {}, fields: (i: number) => Partial<TeacherRequest> = () => ({})): TestWorkspace {
  const workspace = new Workspace(withTempDir(t, 'phaser-sft-distill-'));
  const requests: TeacherRequest[] = [];
  for (let i = 0; i < count; i++) {
    const request_id = `req${String(i).padStart(5, '0')}`;
    const user = `Make a breakout game number ${i} with a paddle and bricks.`;
    requests.push({ request_id, seed_id: `seed-${Math.floor(i / 2)}`, sample_index: i % 2, system: systemPrompt(i), user, api_refs: ['Phaser.Physics.Arcade.Sprite#setVelocity'], api_context_tokens: 12, ...fields(i) });
  }
  const config = { teacher: { retry_base_ms: 10, retry_max_ms: 100, batch_poll_seconds: 0.05, ...teacher } };
  writeWorkspace(workspace, { config, requests });
  return { dir: workspace.root, requestIds: requests.map((r) => r.request_id), users: requests.map((r) => r.user), file: (name) => join(workspace.distillDir, name) };
}

/** Lines of a JSONL file (complete lines only). */
export function readLines(file: string): Record<string, unknown>[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Every file under `dir`, recursively. */
export function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...allFiles(path));
    else out.push(path);
  }
  return out;
}

/** Count of each value. */
export function counts(values: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
  return map;
}
