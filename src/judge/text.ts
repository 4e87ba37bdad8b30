// The text judge (ArtifactsBench style): a model reads the request, the plan and the code and
// gives a verdict on each checklist statement with a few words of evidence. It sees what the
// game's code would do, which the screenshot cannot show (keys handled, a score that changes),
// and it needs no L4 run. The reply is JSON checked with zod; anything else is unreadable.
import { z } from 'zod';
import type { ChatInput } from '../llm/index.js';

/** Bump when the text checklist, prompt wording or verdict scale changes: older verdicts are judged again. */
export const TEXT_RUBRIC_VERSION = 1;

export const TEXT_SYSTEM =
  'You review the source code of small Phaser browser games against the request they answer. Judge what the code does when it runs, not what its comments, names or on-screen instructions claim. Reply with JSON only.';

/**
 * Code longer than this is cut (head kept) before it is sent: L3 caps game size already, this
 * only bounds the cost of one call (48,000 characters ≈ 12,000 tokens).
 */
export const TEXT_MAX_CODE_CHARS = 48_000;

export type TextVerdict = 'yes' | 'partly' | 'no';
/** What each verdict is worth in the judge's score (the mean over the statements). */
export const VERDICT_VALUE: Record<TextVerdict, number> = { yes: 1, partly: 0.5, no: 0 };

/** One statement's verdict, as kept in judge_cache.jsonl and on selected records. */
export interface TextItem {
  statement: string;
  verdict: TextVerdict;
  evidence: string;
}

const replySchema = z.object({
  items: z.array(
    z.object({
      n: z.number().int().positive(),
      verdict: z.enum(['yes', 'partly', 'no']),
      evidence: z.string().max(2000).default(''),
    }),
  ),
});

export function textPrompt(requestText: string, plan: string, code: string, checklist: string[]): string {
  const shown = code.length > TEXT_MAX_CODE_CHARS ? `${code.slice(0, TEXT_MAX_CODE_CHARS)}\n// … cut: ${code.length - TEXT_MAX_CODE_CHARS} more characters` : code;
  return [
    'A user asked for this game:',
    requestText.trim(),
    '',
    "The author's plan:",
    plan.trim() || '(no plan given)',
    '',
    "The game's code (one JavaScript file using the global Phaser):",
    '```javascript',
    shown,
    '```',
    '',
    'For each statement, say whether the code makes it true when the game runs: "yes", "partly" or "no", with a few words of evidence (the call or function that does it, or what is missing):',
    ...checklist.map((item, i) => `${i + 1}. ${item}`),
    '',
    `Reply with JSON only, exactly ${checklist.length} items in order: {"items": [{"n": 1, "verdict": "yes", "evidence": "…"}, …]}`,
  ].join('\n');
}

/** The verdicts of a text judge's reply, or null when it is not one valid item per statement, in order. */
export function parseTextVerdicts(text: string, checklist: string[]): TextItem[] | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  let json: unknown;
  try {
    json = JSON.parse(text.slice(start, end + 1));
  } catch {
    return null;
  }
  const reply = replySchema.safeParse(json);
  if (!reply.success || reply.data.items.length !== checklist.length) return null;
  if (reply.data.items.some((item, i) => item.n !== i + 1)) return null;
  return reply.data.items.map((item, i) => ({ statement: checklist[i]!, verdict: item.verdict, evidence: item.evidence.trim().slice(0, 200) }));
}

/** The judge's score: the mean value of its verdicts. */
export function textScore(items: TextItem[]): number {
  return items.length ? Math.round((items.reduce((sum, item) => sum + VERDICT_VALUE[item.verdict], 0) / items.length) * 10_000) / 10_000 : 0;
}

export function textInput(prompt: string): ChatInput {
  return { system: TEXT_SYSTEM, user: prompt };
}
