import type { Command } from 'commander';
import { initWorkspace } from '../../init/index.js';
import { printResult, type GlobalFlags } from '../context.js';

/** `init [dir]`: scaffold a workspace. */
export function register(program: Command): void {
  program
    .command('init')
    .description('scaffold a workspace: config, teacher system prompt, data/')
    .argument('[dir]', 'workspace folder (default: --workspace or the current folder)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExamples:\n  $ phaser-sft init my-run\n  $ phaser-sft init --workspace my-run --json')
    .action((dir: string | undefined, _options: unknown, command: Command) => {
      const flags = command.optsWithGlobals<GlobalFlags>();
      const result = initWorkspace(dir ?? flags.workspace ?? '.');
      printResult({ json: Boolean(flags.json) }, result, () =>
        [
          `workspace: ${result.workspace}`,
          ...result.created.map((f) => `  created ${f}`),
          ...result.kept.map((f) => `  kept    ${f} (already there)`),
          'next: phaser-sft api-index build && phaser-sft seeds build && phaser-sft requests',
        ].join('\n'),
      );
    });
}
