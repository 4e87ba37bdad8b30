// One L4 level for the browser suites that check many fixtures at once: two workers, no
// screenshots, and boxes long enough for a loaded CI machine.
import { defaultConfig, findPhaser } from '../../src/core/index.js';
import { createRuntimeLevel, type RuntimeLevel } from '../../src/validate/runtime/index.js';

export function fixtureRuntimeLevel(): Promise<RuntimeLevel> {
  return createRuntimeLevel({
    settings: { ...defaultConfig().validate.runtime, boot_timeout_ms: 6000, frame_timeout_ms: 8000, game_timeout_ms: 40000 },
    workers: 2,
    screenshotDir: null,
    workspaceRoot: null,
    phaserRuntimeFile: findPhaser().runtimeFile,
  });
}
