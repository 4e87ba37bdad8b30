// A tiny workspace on disk: seeds, requests and validated answers, for end-to-end tests.
import { Workspace } from '../../src/core/index.js';
import { writeWorkspace } from '../helpers/workspace.js';
import type { Seed, TeacherRequest, Validated } from '../../src/schemas/index.js';
import { nearCopy, syntheticGame } from '../fixtures/dataset/syntheticCode.js';
import { makeRequest, makeSeed, makeValidated } from './records.js';

export interface TinyWorkspace {
  workspace: Workspace;
  seeds: Seed[];
  requests: TeacherRequest[];
  validated: Validated[];
}

const GENRES = ['platformer', 'shooter', 'puzzle', 'arcade'];

/**
 * `seedCount` seeds over four genres and two languages, two answers each (distinct code),
 * plus: one failed answer (seed-006), one seed whose answers all failed (seed-005), and (with
 * more than 8 seeds) seed-007's second answer a near copy of seed-008's first (a cross-prompt near-duplicate).
 */
export function writeTinyWorkspace(dir: string, seedCount = 24): TinyWorkspace {
  const workspace = new Workspace(dir);
  const seeds: Seed[] = [];
  const requests: TeacherRequest[] = [];
  const validated: Validated[] = [];
  for (let i = 0; i < seedCount; i++) {
    const seed = makeSeed(`seed-${String(i).padStart(3, '0')}`, {
      genre: GENRES[i % GENRES.length],
      lang: i % 3 === 0 ? 'zh' : 'en',
      difficulty: (['easy', 'medium', 'hard'] as const)[i % 3],
      prompt: i % 3 === 0 ? `做一个第${i}号小游戏：躲避下落的方块并收集星星` : `Make game number ${i}: dodge the falling blocks and collect stars`,
    });
    seeds.push(seed);
    for (let sample = 0; sample < 2; sample++) {
      const request = makeRequest(seed, sample, ['Phaser.GameObjects.GameObjectFactory#rectangle']);
      requests.push(request);
      const failed = i === 5 || (i === 6 && sample === 1);
      validated.push(makeValidated(request, i * 10 + sample, failed ? { passed: false, levels: { L1: { passed: false, skipped: false, issues: [{ code: 'L1_SYNTAX', message: 'Unexpected token', line: 3, column: 1, severity: 'error' }] } }, runtime: null } : {}));
    }
  }
  // seed-007's second answer is a near copy of seed-008's first: across prompts, same game.
  if (seedCount > 8) {
    const copy = nearCopy(syntheticGame(80, 3000), 1, 0.02);
    const target = validated.findIndex((r) => r.seed_id === 'seed-007' && r.request_id.endsWith('-1'));
    validated[target] = makeValidated(requests.find((r) => r.request_id === validated[target].request_id)!, 999, { code: copy });
  }
  writeWorkspace(workspace, { seeds, requests, validated });
  return { workspace, seeds, requests, validated };
}
