// Reviewers' scores: the JSONL the review page saves (review.ts), read back by `eval human
// import`, checked like any input (every line against the prompt's own rubric), kept per model
// in data/eval/human/<model>.jsonl, and compared with the validator and fidelity
// (humanAgreement.ts).
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { InputError, readJsonl, readJsonlValues, writeJsonlAtomic, type Workspace } from '../core/index.js';
import { rubricFor } from './humanSet.js';
import { evalPromptRecordSchema, type EvalPromptRecord } from './records.js';

/** One line of the file the review page saves: one reviewer's scores of one prompt's game. */
export const humanScoreLineSchema = z.strictObject({
  /** The eval prompt's id. */
  id: z.string().min(1),
  /** The model whose game was reviewed (as given to `infer` and `eval review`). */
  model: z.string().min(1),
  reviewer: z.string().trim().min(1, 'empty: type your name in "Reviewer" at the top of the review page and save again'),
  /** Rubric item id → 0, 1 or 2; every item of the prompt's rubric, no other. */
  scores: z.record(z.string(), z.number().int('expected 0, 1 or 2').min(0, 'expected 0, 1 or 2').max(2, 'expected 0, 1 or 2')),
  notes: z.string().default(''),
  reviewed_at: z.iso.datetime({ offset: true }).optional(),
});
export type HumanScoreLine = z.infer<typeof humanScoreLineSchema>;

/** A line of data/eval/human/<model>.jsonl: the reviewer's line, and where and when it came in. */
export const humanScoreRecordSchema = humanScoreLineSchema.extend({
  imported_from: z.string(),
  imported_at: z.string(),
});
export type HumanScoreRecord = z.infer<typeof humanScoreRecordSchema>;

export interface HumanImportResult {
  file: string;
  /** Lines read. */
  lines: number;
  /** By model: the file written, lines added, and earlier lines the import replaced (same prompt and reviewer). */
  models: { model: string; file: string; added: number; replaced: number; total: number }[];
}

/** The prompts a review covers: the human-review set (its rubric is recomputed from the prompt, one definition). */
async function reviewPrompts(workspace: Workspace): Promise<Map<string, EvalPromptRecord>> {
  if (!existsSync(workspace.humanPromptsFile)) throw new InputError({ file: workspace.humanPromptsFile }, 'no human-review prompts: run `phaser-sft eval build` first');
  const prompts = await readJsonlValues(workspace.humanPromptsFile, { schema: evalPromptRecordSchema });
  return new Map(prompts.map((p) => [p.id, p]));
}

/** Every line checked against its prompt's rubric; the first problem is an InputError at file:line naming the field. */
async function readScoreFile(workspace: Workspace, file: string): Promise<HumanScoreLine[]> {
  const prompts = await reviewPrompts(workspace);
  const lines: HumanScoreLine[] = [];
  const seen = new Map<string, number>();
  for await (const row of readJsonl(file, { schema: humanScoreLineSchema, onTorn: (f, line) => { throw new InputError({ file: f, line }, 'not valid JSON (the line is cut short)'); } })) {
    const at = (field: string, problem: string) => new InputError({ file, line: row.line, field }, problem);
    const score = row.value;
    const prompt = prompts.get(score.id);
    if (!prompt) throw at('id', `"${score.id}" is not a prompt of ${workspace.humanPromptsFile} (was the review page made from another eval build?)`);
    if (!existsSync(workspace.evalValidatedFile(score.model))) throw at('model', `no scored games of model "${score.model}" here: run \`phaser-sft eval score --model ${score.model}\` first`);
    const items = rubricFor(prompt).map((item) => item.id);
    for (const key of Object.keys(score.scores)) if (!items.includes(key)) throw at(`scores.${key}`, `not an item of this prompt's rubric (its items: ${items.join(', ')})`);
    for (const item of items) if (!(item in score.scores)) throw at(`scores.${item}`, 'missing: every rubric item needs 0, 1 or 2');
    const key = `${score.model}\u0000${score.id}\u0000${score.reviewer.trim()}`;
    if (seen.has(key)) throw at('id', `"${score.id}" scored twice by ${score.reviewer} for ${score.model} (first on line ${seen.get(key)})`);
    seen.set(key, row.line);
    lines.push({ ...score, reviewer: score.reviewer.trim() });
  }
  if (!lines.length) throw new InputError({ file }, 'no scores in the file (score at least one game on the review page, then save)');
  return lines;
}

/** The scores kept for a model (none yet: empty). */
export async function readHumanScores(workspace: Workspace, model: string): Promise<HumanScoreRecord[]> {
  const file = workspace.humanScoresFile(model);
  return existsSync(file) ? readJsonlValues(file, { schema: humanScoreRecordSchema }) : [];
}

/**
 * `eval human import FILE`: check the whole file first (nothing is written when a line is bad),
 * then add its lines to each model's scores; a prompt scored again by the same reviewer replaces
 * the earlier line.
 */
export async function importHumanScores(workspace: Workspace, file: string): Promise<HumanImportResult> {
  const lines = await readScoreFile(workspace, file);
  const importedAt = new Date().toISOString();
  const byModel = new Map<string, HumanScoreLine[]>();
  for (const line of lines) byModel.set(line.model, [...(byModel.get(line.model) ?? []), line]);
  // every model's file is read (and checked) before any is written
  const merged = await Promise.all(
    [...byModel.entries()].map(async ([model, incoming]) => {
      const kept = new Map((await readHumanScores(workspace, model)).map((r) => [`${r.id}\u0000${r.reviewer}`, r]));
      let replaced = 0;
      for (const line of incoming) {
        const key = `${line.id}\u0000${line.reviewer}`;
        if (kept.has(key)) replaced++;
        kept.set(key, { ...line, imported_from: file, imported_at: importedAt });
      }
      return { model, records: [...kept.values()], added: incoming.length - replaced, replaced };
    }),
  );
  const models = merged.map(({ model, records, added, replaced }) => {
    writeJsonlAtomic(workspace.humanScoresFile(model), records);
    return { model, file: workspace.humanScoresFile(model), added, replaced, total: records.length };
  });
  return { file, lines: lines.length, models };
}
