import type { BrowserContext, Route } from 'playwright-core';
import { HARNESS_SCRIPT, HARNESS_SCRIPT_NO_PROBES } from './harness.js';

/** The page's own origin; every host name resolves nowhere, so only interception can answer. */
export const PAGE_ORIGIN = 'http://phaser-sft.local';
export const PAGE_URL = `${PAGE_ORIGIN}/`;

/** The replay copy of the game is one function (it runs twice); this prefix keeps line numbers. */
export const REPLAY_PREFIX = 'window.__phaserSftReplay = function () {';

/** A request the page made that was refused. */
export interface RefusedRequest {
  url: string;
  kind: string;
}

const pageHtml = (harness: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>phaser-sft L4</title>
<style>html,body{margin:0;padding:0;background:#000;overflow:hidden}</style></head>
<body><script>${harness}</script><script src="/phaser.js"></script></body></html>`;
const PAGE_HTML = pageHtml(HARNESS_SCRIPT);
const PAGE_HTML_NO_PROBES = pageHtml(HARNESS_SCRIPT_NO_PROBES);

/** What a page serves; the game is set once the page has loaded (harness and Phaser first). */
export interface ServedGame {
  code: string | null;
  refused: RefusedRequest[];
}

/**
 * Serve the page from memory: the harness page, Phaser from the installed package, the game
 * (as itself for run 1, wrapped for the replay). Every other request — HTTP(S) or WebSocket, to
 * any host — is refused and logged in `served.refused` as the game runs.
 */
export async function servePage(context: BrowserContext, phaserSource: Buffer): Promise<ServedGame> {
  const served: ServedGame = { code: null, refused: [] };
  // bench/judge-agreement.ts times L4 with the probes off (read per game: the bench alternates)
  const html = process.env.PHASER_SFT_BENCH_NO_PROBES === '1' ? PAGE_HTML_NO_PROBES : PAGE_HTML;
  const refused = served.refused;
  const javascript = 'text/javascript; charset=utf-8';
  await context.route('**/*', (route: Route) => {
    const request = route.request();
    const url = request.url();
    if (url.startsWith(PAGE_ORIGIN + '/')) {
      const path = url.slice(PAGE_ORIGIN.length).split(/[?#]/)[0];
      if (path === '/') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      if (path === '/phaser.js') return route.fulfill({ status: 200, contentType: javascript, body: phaserSource });
      if (path === '/game.js' && served.code !== null) return route.fulfill({ status: 200, contentType: javascript, body: served.code });
      if (path === '/game-replay.js' && served.code !== null) {
        return route.fulfill({ status: 200, contentType: javascript, body: `${REPLAY_PREFIX}${served.code}\n};\n` });
      }
      // the browser asks for this by itself; not the game's doing
      if (path === '/favicon.ico') return route.fulfill({ status: 404, body: '' });
    }
    refused.push({ url, kind: request.resourceType() });
    return route.abort('blockedbyclient');
  });
  await context.routeWebSocket(/.*/, (socket) => {
    refused.push({ url: socket.url(), kind: 'websocket' });
    void socket.close({ code: 1008, reason: 'network access is disabled in the validator' }).catch(() => undefined);
  });
  return served;
}
