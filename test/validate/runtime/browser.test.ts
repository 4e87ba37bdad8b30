// The browser's launch flags: Chromium keeps only the last `--disable-features`, so ours must
// carry playwright-core's whole list; a game's fresh context must cost one renderer process,
// not the three (omnibox popup WebUI, spare renderer, the page) headless Chromium starts by default;
// and Chinese text must draw as glyphs (a font for it is installed by scripts/setup.sh).
import { test } from 'node:test';
import type { Browser } from 'playwright-core';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BROWSER_ARGS, closeBrowser, DISABLED_FEATURES, findBrowser, launchBrowser } from '../../../src/validate/runtime/browser.js';
import { findByArgument, processTable, processTree } from '../../../src/validate/runtime/processes.js';

/** The features playwright-core disables, read from its own source (its chromiumSwitches list). */
function playwrightDisabledFeatures(): string[] {
  const lib = join(dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')), 'lib');
  const files = readdirSync(lib, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
  for (const file of files) {
    const source = readFileSync(join(lib, file), 'utf8');
    const list = /disabledFeatures = \[([\s\S]*?)\]/.exec(source);
    if (list) return [...list[1].replace(/\/\/.*$/gm, '').matchAll(/"([^"]+)"/g)].map((match) => match[1]);
  }
  throw new Error(`no disabledFeatures list found under ${lib}: playwright-core changed; check browser.ts DISABLED_FEATURES by hand`);
}

test('one --disable-features flag, holding every feature playwright-core disables', () => {
  const fromPlaywright = playwrightDisabledFeatures();
  assert.ok(fromPlaywright.length >= 5, `read ${fromPlaywright.length} features from playwright-core`);
  const missing = fromPlaywright.filter((feature) => !DISABLED_FEATURES.includes(feature));
  assert.deepEqual(missing, [], 'features playwright-core disables that a second --disable-features would re-enable');
  assert.equal(BROWSER_ARGS.filter((arg) => arg.startsWith('--disable-features=')).length, 1);
});

const lookup = findBrowser();
const noBrowser = lookup.found ? false : 'no browser';

/** Run `body` with a browser launched as L4 launches it, closed (no process left) afterwards. */
async function withBrowser(name: string, body: (browser: Browser, marker: string) => Promise<void>): Promise<void> {
  if (!lookup.found) return;
  const marker = `--phaser-sft-browser-test=${process.pid}-${name}`;
  const browser = await launchBrowser(lookup.executable, marker);
  try {
    await body(browser, marker);
  } finally {
    await closeBrowser(browser, marker);
  }
}

test('a fresh context with a page starts exactly one renderer process', { skip: noBrowser }, () =>
  withBrowser('renderers', async (browser, marker) => {
    const renderers = () => {
      const root = findByArgument(marker);
      const tree = root ? processTree(root.pid, processTable()) : [];
      return tree.filter(({ pid }) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('--type=renderer');
        } catch {
          return false;
        }
      }).length;
    };
    const before = renderers();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent('<p>one game</p>');
    await new Promise((resolve) => setTimeout(resolve, 500)); // anything started in the background
    assert.equal(renderers() - before, 1);
    await context.close();
  }));

test('Chinese text draws as glyphs, not as identical missing-glyph boxes', { skip: noBrowser }, () =>
  withBrowser('cjk', async (browser) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // without a CJK font every character is the same box, so two different texts give one picture
    const pictures = (await page.evaluate(`['躲避方块', '收集金币'].map((text) => {
      const canvas = document.createElement('canvas');
      canvas.width = 200;
      canvas.height = 60;
      const context2d = canvas.getContext('2d');
      context2d.font = '40px sans-serif';
      context2d.fillText(text, 0, 45);
      return canvas.toDataURL();
    })`)) as string[];
    // a failure, not a skip: scripts/setup.sh (and so CI) installs the font
    assert.notEqual(pictures[0], pictures[1], 'no CJK font: install one (Debian: apt-get install fonts-wqy-zenhei; scripts/setup.sh does)');
    await context.close();
  }));
