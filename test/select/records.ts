// Small validated records for selection and dataset tests, built in code so each test says
// exactly which signal it varies.
import { sha256 } from '../../src/core/index.js';
import type { LevelResult, Seed, TeacherRequest, Validated } from '../../src/schemas/index.js';
import { syntheticGame } from '../fixtures/dataset/syntheticCode.js';

const pass: LevelResult = { passed: true, skipped: false, issues: [] };

export const PLAN = [
  '- Scenes: one play scene, restart on space',
  '- Entities: player rectangle, enemies drawn with graphics',
  '- Controls: arrow keys',
  '- Mechanics: move, collide, score',
  '- Goal: survive; game over text when hit',
  '- Phaser APIs: this.add.rectangle, this.physics.add.sprite, setVelocity',
].join('\n');

export function makeSeed(id: string, overrides: Partial<Seed> = {}): Seed {
  return { id, prompt: `Make game ${id}: dodge falling blocks and collect stars`, lang: 'en', genre: 'arcade', mechanics: ['score'], difficulty: 'easy', source: 'curated', ...overrides };
}

export function makeRequest(seed: Seed, sampleIndex = 0, apiRefs: string[] = []): TeacherRequest {
  return {
    request_id: `req-${seed.id}-${sampleIndex}`,
    seed_id: seed.id,
    sample_index: sampleIndex,
    system: 'teacher system prompt',
    user: seed.prompt,
    api_refs: apiRefs,
    api_context_tokens: 0,
  };
}

/** A passing record for `request` with synthetic code `codeSeed` (distinct seeds → distinct code). */
export function makeValidated(request: TeacherRequest, codeSeed: number, overrides: Partial<Validated> = {}): Validated {
  const code = overrides.code ?? syntheticGame(codeSeed, 3000);
  const codeHash = sha256(code).slice(0, 16);
  return {
    candidate_id: `cand-${request.request_id}-${codeSeed}`,
    request_id: request.request_id,
    seed_id: request.seed_id,
    plan: PLAN,
    code,
    code_hash: codeHash,
    code_path: `data/sft_distill/codes/${codeHash}.js`,
    parse_errors: [],
    validator_version: 'test-1',
    passed: true,
    levels: { L1: pass, L2: pass, L3: pass, L4: pass },
    runtime: { frames: 60, fps: 40, errors: [], blank: false, animated: true, responds_to_input: true, screenshot: null },
    ...overrides,
  };
}
