import { Command, CommanderError } from 'commander';
import { EXIT, PhaserSftError, exitCodeOf, logger } from '../core/index.js';
import { commands } from './commands/index.js';

const VERSION = '0.1.0';

/** Build the `phaser-sft` program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('phaser-sft')
    .description('Build verified SFT data for a model that writes Phaser 3 games.')
    .version(VERSION)
    .option('-w, --workspace <dir>', 'workspace folder', '.')
    .option('-c, --config <file>', 'config file (default: <workspace>/phaser-sft.config.json)')
    .option('-q, --quiet', 'only warnings and errors; no progress bars')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Quick start:
  $ phaser-sft demo --workspace demo-ws      # whole pipeline offline, ends with an HTML report
  $ phaser-sft init my-run && cd my-run       # a workspace of your own
  $ phaser-sft status                         # where a workspace stands

Exit codes: 0 ok, 1 the work failed, 2 bad usage or bad input.`,
    );
  program.exitOverride();
  // Each stage command runs its stage through `runStage`, which records its manifest.
  for (const register of commands) register(program);
  // Subcommands inherit exit override and error output settings.
  program.commands.forEach(function override(command: Command) {
    command.exitOverride();
    command.showHelpAfterError('(run with --help for usage)');
    command.commands.forEach(override);
  });
  return program;
}

/** Run the CLI; resolves to the process exit code (never calls process.exit itself). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exitCode 0; anything else is bad usage.
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    // Our errors carry a readable message; anything else is a bug, so show its stack.
    if (error instanceof PhaserSftError) logger.error(error.message);
    else logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return exitCodeOf(error);
  }
}
