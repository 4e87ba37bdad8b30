// `report`: data/reports/index.html from whatever the workspace holds.
import { writeFileAtomic, type Config, type Workspace } from '../core/index.js';
import { collectReportData, type CollectOptions } from './collect.js';
import { renderReport } from './html.js';

export { collectReportData, type ReportData } from './collect.js';
export { renderReport } from './html.js';

/** Write the HTML report; returns its path. */
export async function writeHtmlReport(workspace: Workspace, config: Config, options: CollectOptions = {}): Promise<string> {
  const data = await collectReportData(workspace, config, options);
  writeFileAtomic(workspace.htmlReportFile, renderReport(data));
  return workspace.htmlReportFile;
}
