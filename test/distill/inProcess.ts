// Run the distill stage in this process (for tests that do not need a separate CLI process).
import { Workspace, loadConfig } from '../../src/core/index.js';
import { runDistill, type DistillOptions, type DistillResult } from '../../src/distill/index.js';

/** `runDistill` on a test workspace with the given environment (restored afterwards). */
export async function distillIn(dir: string, options: Partial<DistillOptions> & Pick<DistillOptions, 'teacher'>, env: Record<string, string> = {}): Promise<DistillResult> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    const workspace = new Workspace(dir);
    return await runDistill({ workspace, config: loadConfig(workspace.configFile), quiet: true, ...options });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
