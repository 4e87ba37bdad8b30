// L1 syntax: the game parses as a classic script (acorn, latest ECMAScript) and creates a Phaser.Game.
import type { ValidatorLevel } from './level.js';
import { parseGame, phaserGameCalls, positionOf } from './ast.js';
import { issue, levelResult } from './issues.js';
import type { Issue } from '../schemas/index.js';

/** Bump when the L1 rules change (part of the validator version). */
const L1_VERSION = '1';

/** L1 issues of one game (synchronous; also used by `validate-file` tests). */
export function checkSyntax(code: string): Issue[] {
  if (!code.trim()) return [issue('empty_code', 'the game is empty', 'error')];
  const parsed = parseGame(code);
  const issues: Issue[] = [];
  if (parsed.error && !parsed.moduleOnly) {
    return [issue('syntax_error', `syntax error: ${parsed.error.message}`, 'error', parsed.error)];
  }
  if (parsed.moduleOnly && parsed.error) {
    // Still one program; L3 reports the import/export itself (policy `import_statement`).
    issues.push(issue('module_syntax', `parses only as an ES module (${parsed.error.message}); games run as a classic <script>`, 'warning', parsed.error));
  }
  const games = phaserGameCalls(parsed.program!);
  if (games.length === 0) {
    issues.push(issue('no_phaser_game', 'the program never creates `new Phaser.Game(config)`', 'error'));
  } else if (games.length > 1) {
    issues.push(issue('several_phaser_games', `creates ${games.length} Phaser.Game instances; a game page should hold one`, 'warning', positionOf(games[1])));
  }
  return issues;
}

/** The L1 level. */
export function createSyntaxLevel(): ValidatorLevel {
  return {
    name: 'L1',
    version: L1_VERSION,
    async check({ code }) {
      return { result: levelResult(checkSyntax(code)) };
    },
  };
}
