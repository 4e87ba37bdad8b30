// One way for tests to open a static page in real Chromium: launched once per test, closed when
// the test ends (pass or fail) through `t.after`; undefined when no browser is installed, so the
// test can skip and say why.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { AfterHook } from './tempDir.js';

export const CHROMIUM = process.env.PHASER_SFT_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A Chromium for this test (closed after it), or undefined when none is installed. */
export async function testBrowser(t: AfterHook): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  t.after(() => void browser.close());
  return browser;
}
