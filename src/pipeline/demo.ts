// `demo`: the whole pipeline offline on the bundled demo seeds with the replay teacher (the
// recorded answers in assets/replay/demo_answers.jsonl, matched by seed id and sample index),
// ending with the HTML report. L4 is skipped, with a note, where no browser is installed.
import { existsSync } from 'node:fs';
import { bundledPath, loadConfig, logger, type Workspace } from '../core/index.js';
import { initWorkspace } from '../init/index.js';
import type { SeedsStageOptions } from '../seeds/stage.js';
import { runPipeline, type RunOptions, type RunResult } from './run.js';

export const DEMO_SEEDS_FILE = bundledPath('assets', 'seeds', 'demo_seeds.jsonl');

export interface DemoOptions extends Pick<RunOptions, 'quiet' | 'onStageSummary'> {
  workspace: Workspace;
}

export async function runDemo(options: DemoOptions): Promise<RunResult> {
  const { workspace } = options;
  if (!existsSync(DEMO_SEEDS_FILE)) throw new Error(`the bundled demo seeds are missing (${DEMO_SEEDS_FILE}): the package is incomplete`);
  if (!existsSync(workspace.configFile)) {
    // The recorded answers are Phaser 3 code (one, setTintFill, is a v4 error): the demo stays on 3.
    initWorkspace(workspace.root, { phaserVersion: '3' });
    logger.info(`demo: new workspace ${workspace.root}`);
  }
  return runPipeline({
    workspace,
    config: loadConfig(workspace.configFile),
    quiet: options.quiet,
    onStageSummary: options.onStageSummary,
    teacher: 'replay',
    // Only the demo seeds: the recorded answers exist for those alone.
    optionsOverride: { seeds: { input: [DEMO_SEEDS_FILE], curated: false, count: 0 } satisfies SeedsStageOptions },
  });
}
