// `dataset --from-raw`: the unfiltered baseline for ablations — every raw teacher answer as it
// came back (no parse, no validation, no selection, no dedup), joined to its request's prompt.
import { join } from 'node:path';
import { InputError, StageTimer, logger, readJsonl, writeJsonAtomic, writeJsonlAtomic, writeStageReport, type Config, type Workspace } from '../core/index.js';
import { rawOutputSchema } from '../schemas/index.js';
import { loadRequests } from '../select/index.js';
import { encodeChecked } from './dataset.js';
import { studentSystemPrompt } from './inputs.js';
import { datasetInfoEntry } from './llamaFactory.js';
import { normaliseContent } from './official.js';
import { detectLang, type Sample, type SftFormat } from './sample.js';

export interface FromRawResult {
  file: string;
  datasetInfoFile: string;
  reportFile: string;
  counts: Record<string, number>;
}

/** Every `raw_outputs_<teacher>.jsonl` of the workspace, sorted by name. */
export function rawOutputFiles(workspace: Workspace): string[] {
  return workspace.rawOutputsFiles();
}

export async function runFromRaw(workspace: Workspace, config: Config, options: { format?: SftFormat } = {}): Promise<FromRawResult> {
  const timer = new StageTimer('dataset');
  const format = options.format ?? config.dataset.format;
  const files = rawOutputFiles(workspace);
  if (!files.length) throw new InputError({ file: join(workspace.distillDir, 'raw_outputs_<teacher>.jsonl') }, 'no raw outputs (run `phaser-sft distill` first)');
  const system = studentSystemPrompt(workspace, config);
  const requests = await loadRequests(workspace, { required: true });
  const samples: Sample[] = [];
  const skipped = { empty_text: 0, unknown_request: 0, repeated_request: 0 };
  const seen = new Set<string>();
  for (const file of files) {
    for await (const { value: raw } of readJsonl(file, { schema: rawOutputSchema })) {
      const request = requests.get(raw.request_id);
      const answer = normaliseContent(raw.text);
      if (!request) skipped.unknown_request++;
      else if (!answer) skipped.empty_text++;
      else if (seen.has(`${raw.teacher}:${raw.request_id}`)) skipped.repeated_request++;
      else {
        seen.add(`${raw.teacher}:${raw.request_id}`);
        samples.push({
          conversation: { system, turns: [{ user: request.user.trim(), assistant: answer }] },
          meta: { source: 'distilled', group: request.seed_id, seed_id: request.seed_id, candidate_id: null, genre: 'unknown', lang: detectLang(request.user), difficulty: 'unknown', id: raw.request_id },
        });
      }
    }
  }
  if (skipped.unknown_request) logger.warn(`${skipped.unknown_request} raw outputs have no request in ${workspace.requestsFile}; skipped`);
  writeJsonlAtomic(workspace.sftFromRawFile, encodeChecked(samples, format, false));
  writeJsonAtomic(workspace.sftFromRawInfoFile, { [`${config.dataset.name}_from_raw`]: datasetInfoEntry('sft_from_raw.jsonl', format, false) });
  const counts = { raw_outputs_files: files.length, written: samples.length, ...skipped };
  const reportFile = writeStageReport(workspace, 'sft_from_raw', {
    stage: 'dataset --from-raw',
    duration_ms: timer.elapsedMs(),
    counts,
    settings: { format, files: files.map((f) => f.slice(workspace.root.length + 1)) },
  });
  return { file: workspace.sftFromRawFile, datasetInfoFile: workspace.sftFromRawInfoFile, reportFile, counts };
}
