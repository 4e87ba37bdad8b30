import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { findByArgument, killSurvivors, processTree, stillAlive, type ProcessInfo } from './processes.js';
import { TIMEOUT, within } from './timeBox.js';

/** Where a browser was found, or why none was. */
export type BrowserLookup = { found: true; executable: string; source: string } | { found: false; reason: string };

/**
 * Debian's headless shell first (the same Chromium build without a browser window behind each
 * context: ≈0.3 CPU s less per game, measured, and what Playwright itself runs headless), then
 * Debian/Ubuntu, Fedora, Arch, Chrome on Linux and macOS, in that order.
 */
const SYSTEM_BROWSERS = [
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const INSTALL_HINT =
  'install Chromium (Debian/Ubuntu: `apt-get install chromium chromium-headless-shell`; macOS: Google Chrome) or set PHASER_SFT_CHROMIUM to a Chromium/Chrome executable';

/**
 * Find a Chromium as DESIGN.md says: `PHASER_SFT_CHROMIUM`, then a system Chromium/Chrome, then
 * a browser an npm package already installed (Playwright's own cache). Never downloads one.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): BrowserLookup {
  const fromEnv = env.PHASER_SFT_CHROMIUM;
  if (fromEnv) {
    return existsSync(fromEnv)
      ? { found: true, executable: fromEnv, source: 'PHASER_SFT_CHROMIUM' }
      : { found: false, reason: `PHASER_SFT_CHROMIUM is set to ${fromEnv}, which does not exist; ${INSTALL_HINT}` };
  }
  for (const candidate of SYSTEM_BROWSERS) {
    if (existsSync(candidate)) return { found: true, executable: candidate, source: 'system' };
  }
  try {
    // Where `npx playwright install chromium` would have put its browser; only used if present.
    const shipped = chromium.executablePath();
    if (shipped && existsSync(shipped)) return { found: true, executable: shipped, source: 'playwright cache' };
  } catch {
    // playwright-core knows no browser path for this platform
  }
  return { found: false, reason: `no Chromium or Chrome found; ${INSTALL_HINT}` };
}

/**
 * Chromium keeps only the last `--disable-features` it is given, so this one repeats
 * playwright-core's own list (its chromiumSwitches.ts; a test checks it is still all here) and
 * adds ours: headless Chromium opens a browser window per context, and each window loaded the
 * omnibox popup's WebUI in a renderer of its own — ≈0.5–0.8 CPU s per game, measured, for a
 * popup nobody opens. A spare renderer was also started per context and never used.
 */
export const DISABLED_FEATURES = [
  // playwright-core's
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
  // ours
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'WebUIOmniboxFullPopup',
  'SpareRendererForSitePerProcess',
];

/**
 * Flags: headless (Chromium's sandbox on unless root: `sandboxArgs`), software rendering, nothing that talks
 * to the network on its own, and every host name resolving nowhere. The page itself is served by
 * request interception, which answers before name resolution, so the game's page still loads.
 */
export const BROWSER_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--mute-audio',
  '--dns-prefetch-disable',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
  // The harness steps time itself and reads pictures from the canvas, so nothing needs a drawn
  // frame: under begin-frame control, with no BeginFrame ever sent, the compositor draws none
  // (the GPU process went from ≈52 to ≈12 CPU ms a game, same verdicts).
  '--enable-begin-frame-control',
  // …except the one frame L4 asks for at the end of run 1, the screenshot read by DevTools
  // (HeadlessExperimental.beginFrame, which needs this flag)
  '--run-all-compositor-stages-before-draw',
  // a runaway game runs out of memory early instead of eating the machine
  '--js-flags=--max-old-space-size=512',
];

/**
 * Chromium's own sandbox is on unless this process runs as root, where Chromium refuses to
 * start with it (containers: run L4 as an unprivileged user to keep it, README "Runtime check").
 */
export function sandboxed(uid: number | undefined = process.getuid?.()): boolean {
  return uid !== 0;
}

/**
 * The variables the browser and its helpers start with: only what Chromium needs to run and draw
 * text (path, home, locale, time zone, fonts, temp folder). Never the validator's own environment:
 * no API key is readable from `/proc/<pid>/environ` of a process that runs untrusted games.
 */
const BROWSER_ENV = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'FONTCONFIG_PATH', 'FONTCONFIG_FILE', 'XDG_CACHE_HOME', 'XDG_CONFIG_HOME', 'XDG_RUNTIME_DIR'];
export function browserEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of BROWSER_ENV) {
    const value = env[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

/** Launch one headless browser. `marker` (e.g. `--phaser-sft-browser=<id>`), an argument Chromium ignores, lets processes.ts find its main process. */
export async function launchBrowser(executable: string, marker: string): Promise<Browser> {
  const sandbox = sandboxed();
  return chromium.launch({
    executablePath: executable,
    headless: true,
    // playwright adds `--no-sandbox` itself unless asked for the sandbox
    chromiumSandbox: sandbox,
    args: [...BROWSER_ARGS, marker],
    env: browserEnv(),
    timeout: 30_000,
  });
}

/**
 * Close a browser launched with `marker` and leave none of its processes behind: one that does
 * not close within 5 s (a page spinning in a loop can hold it open) is killed, and helpers still
 * alive 2 s after a clean close are killed too. `main` is its main process, when already known.
 */
export async function closeBrowser(browser: Browser, marker: string, main: ProcessInfo | null = null): Promise<void> {
  const root = main ?? findByArgument(marker);
  const processes = root ? processTree(root.pid) : [];
  const closed = (await within(browser.close().then(() => true, () => true), 5000)) !== TIMEOUT;
  // give helpers a moment to exit on their own, then make sure
  for (let waited = 0; waited < (closed ? 2000 : 0) && stillAlive(processes).length; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  killSurvivors(processes);
}
