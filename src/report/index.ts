// `report`: data/reports/index.html from whatever the workspace holds.
import { writeFileAtomic, type Config, type Workspace } from '../core/index.js';
import type { Validated } from '../schemas/index.js';
import { collectReportData, galleryItem, type CollectOptions, type SeedInfo } from './collect.js';
import { firstFailure, rejectedCard, writeGamePages, type SeedFacts } from './failures.js';
import { gameCard, renderPage, renderReport } from './html.js';
import { escapeHtml } from './charts.js';

export { collectReportData, screenshotUri, type ReportData } from './collect.js';
export { renderReport, renderPage, renderGamePage, contentSecurityPolicy, GAME_CSP, type PageOptions } from './html.js';
export { escapeHtml } from './charts.js';
export { codeExcerpt, failureLine, firstFailure, type Failure } from './failures.js';

/** Write the HTML report; returns its path. */
export async function writeHtmlReport(workspace: Workspace, config: Config, options: CollectOptions = {}): Promise<string> {
  const data = await collectReportData(workspace, config, options);
  const seedOf = (v: Validated): SeedFacts | undefined => data.seedOf(v);
  const card = (v: Validated, seed: SeedFacts | undefined) =>
    v.passed
      ? gameCard(galleryItem(workspace, v, seed as SeedInfo | undefined, options.maxScreenshotBytes ?? 400_000))
      : rejectedCard({ candidate_id: String(v.candidate_id), prompt: seed?.prompt ?? '', genre: seed?.genre ?? 'unknown', lang: seed?.lang ?? 'unknown', difficulty: seed?.difficulty ?? 'unknown', failure: firstFailure(v), code: String(v.code ?? '') });
  const pages = await writeGamePages(workspace, seedOf, card, (title, body) => renderPage(`phaser-sft report: ${title}`, `<h1>${escapeHtml(title)}</h1>${body}`), options.pageSize ?? 24);
  data.gamePages = pages.length;
  writeFileAtomic(workspace.htmlReportFile, renderReport(data));
  return workspace.htmlReportFile;
}
