// `report`: data/reports/index.html from whatever the workspace holds (one static file).
import { defineStage } from '../core/stage.js';

export interface ReportStageOptions {
  /** Games shown in the gallery (default 24). */
  gallery?: number;
}

export const reportStage = defineStage<ReportStageOptions, { report: string }>({
  name: 'report',
  command: 'report',
  inputs: (ctx) => [ctx.workspace.reportsDir],
  outputs: (ctx) => [ctx.workspace.htmlReportFile],
  settings: () => ({}),
  flags: ['gallery'],
  reportFile: (ctx) => ctx.workspace.htmlReportFile,
  async run(context, options) {
    const { writeHtmlReport } = await import('./index.js');
    return { report: await writeHtmlReport(context.workspace, context.config, { galleryLimit: options.gallery }) };
  },
  summary: (result) => `report: ${result.report}`,
});
