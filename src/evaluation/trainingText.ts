// The SFT splits read back as (prompt, answer) pairs, whatever their format (alpaca, sharegpt
// OpenAI messages or classic sharegpt conversations), for decontamination and for telling which
// seeds were trained on.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { readJsonl, type SplitName, type Workspace } from '../core/index.js';
import { sftSampleSchema, type SftSample } from '../schemas/index.js';
import type { TrainingText } from './decontaminate.js';

export type { SplitName } from '../core/index.js';

/** The request and the answer of one SFT sample. */
export function sampleText(sample: SftSample): { prompt: string; answer: string } {
  if ('messages' in sample) {
    const of = (role: string) => sample.messages.filter((m) => m.role === role).map((m) => m.content).join('\n');
    return { prompt: of('user'), answer: of('assistant') };
  }
  if ('conversations' in sample) {
    const of = (from: string) => sample.conversations.filter((m) => m.from === from).map((m) => m.value).join('\n');
    return { prompt: of('human'), answer: of('gpt') };
  }
  return { prompt: sample.input ? `${sample.instruction}\n${sample.input}` : sample.instruction, answer: sample.output };
}

/** Stream the samples of some splits (missing split files are skipped). */
export async function* readSplitTexts(workspace: Workspace, splits: SplitName[]): AsyncGenerator<TrainingText & { split: SplitName }> {
  for (const split of splits) {
    const file = workspace.splitFile(split);
    if (!existsSync(file)) continue;
    for await (const row of readJsonl(file, { schema: sftSampleSchema })) {
      yield { ...sampleText(row.value), where: `${basename(file)}:${row.line}`, split };
    }
  }
}
