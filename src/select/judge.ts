import { UsageError, type Config, type Workspace } from '../core/index.js';
import type { Seed, TeacherRequest, Validated } from '../schemas/index.js';

export async function runJudge(
  _workspace: Workspace,
  _config: Config,
  _records: Validated[],
  _context: { seeds: Map<string, Seed>; requests: Map<string, TeacherRequest>; quiet?: boolean },
): Promise<Map<string, number>> {
  throw new UsageError('--judge is not built yet');
}
