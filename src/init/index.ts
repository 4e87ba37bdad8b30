import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { Workspace, bundledPath, defaultConfig, writeJsonAtomic, type PhaserLine } from '../core/index.js';

export const CONFIG_SCHEMA_FILE = 'phaser-sft.config.schema.json';

export interface InitResult {
  workspace: string;
  created: string[];
  kept: string[];
}

/**
 * The Phaser line `init` writes into a new workspace's config (the schema's default stays "3" so
 * workspaces made before `phaser.version` existed keep their line). The newest line: measured
 * (BENCHMARKS.md "Phaser 3 and 4"), v4 validates correct code as well as v3 (0 false rejects on
 * v4-valid code; the v3 games it turns away really break under 4.2), at ~9% fewer L4 games/min.
 * The demo pins "3": its recorded answers are v3 code.
 */
export const NEW_WORKSPACE_PHASER_VERSION: PhaserLine = '4';

/** The knobs a new user most often turns; everything else keeps its default (see the JSON Schema). */
function starterConfig(phaserVersion: PhaserLine): Record<string, unknown> {
  const d = defaultConfig();
  return {
    $schema: `./${CONFIG_SCHEMA_FILE}`,
    phaser: { version: phaserVersion },
    seeds: { generated_count: d.seeds.generated_count, random_seed: d.seeds.random_seed },
    requests: { samples_per_seed: d.requests.samples_per_seed },
    api_index: { context_token_budget: d.api_index.context_token_budget },
    teacher: {
      claude: { model: d.teacher.claude.model, max_tokens: d.teacher.claude.max_tokens, temperature: d.teacher.claude.temperature },
      concurrency: d.teacher.concurrency,
    },
    validate: { levels: d.validate.levels, workers: d.validate.workers },
    select: { per_prompt: d.select.per_prompt, max_similarity: d.select.max_similarity },
    dataset: { format: d.dataset.format, split: d.dataset.split, seed: d.dataset.seed, tokenizer: d.dataset.tokenizer, cutoff_len: d.dataset.cutoff_len },
  };
}

/**
 * Scaffold a workspace: config (+ its JSON Schema for editors), the teacher system prompt
 * template, and `data/`. Existing files are never overwritten, so `init` is safe to rerun.
 */
export function initWorkspace(dir: string, options: { phaserVersion?: PhaserLine } = {}): InitResult {
  const workspace = new Workspace(dir);
  const created: string[] = [];
  const kept: string[] = [];
  const place = (target: string, write: () => void) => {
    const shown = relative(workspace.root, target) || target;
    if (existsSync(target)) {
      kept.push(shown);
      return;
    }
    mkdirSync(dirname(target), { recursive: true });
    write();
    created.push(shown);
  };
  place(workspace.configFile, () => writeJsonAtomic(workspace.configFile, starterConfig(options.phaserVersion ?? NEW_WORKSPACE_PHASER_VERSION)));
  place(workspace.path(CONFIG_SCHEMA_FILE), () => copyFileSync(bundledPath('schema', CONFIG_SCHEMA_FILE), workspace.path(CONFIG_SCHEMA_FILE)));
  place(workspace.systemPromptFile, () => copyFileSync(bundledPath('prompts', 'teacher_system_prompt.txt'), workspace.systemPromptFile));
  place(workspace.dataDir, () => mkdirSync(workspace.dataDir, { recursive: true }));
  return { workspace: workspace.root, created, kept };
}
