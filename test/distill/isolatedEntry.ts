// Development aid while other commands are half-written in the shared tree: the `distill`
// command alone, with the real program's global flags and exit-code mapping.
import { Command, CommanderError } from 'commander';
import { EXIT, PhaserSftError, exitCodeOf, logger } from '../../src/core/index.js';
import { register } from '../../src/cli/commands/distill.js';

const program = new Command('phaser-sft').option('-w, --workspace <dir>', 'workspace', '.').option('-c, --config <file>', 'config').option('-q, --quiet', 'quiet');
program.exitOverride();
register(program);
program.commands.forEach((c) => c.exitOverride());
try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' });
  process.exitCode = typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  else {
    logger.error(error instanceof PhaserSftError ? error.message : String((error as Error).stack ?? error));
    process.exitCode = exitCodeOf(error);
  }
}
