// The vision judge: a model looks at a game's L4 screenshot (after the scripted play) and
// answers the checklist with one boolean per statement.
import type { ChatInput } from '../llm/index.js';

/** Bump when the vision checklist or prompt wording changes: older verdicts are then judged again. */
export const VISION_RUBRIC_VERSION = 3;

export const VISION_SYSTEM = 'You check screenshots of small browser games against what was asked for. Judge only what the image shows. Reply with JSON only.';

export function visionPrompt(requestText: string, checklist: string[], withInputShot = false): string {
  return [
    'A user asked for this game:',
    requestText.trim(),
    '',
    withInputShot
      ? 'The first image is a screenshot of the game after it ran for a few seconds; the second is the first frame that changed while a scripted player pressed keys and clicked. For each statement, answer true or false:'
      : 'The image is a screenshot of the game after it ran for a few seconds. For each statement, answer true or false:',
    ...checklist.map((item, i) => `${i + 1}. ${item}`),
    '',
    `Reply with JSON only, exactly ${checklist.length} booleans in order: {"answers": [true, false, ...]}`,
  ].join('\n');
}

/** The booleans of a vision judge's answer, or null when it did not give one per statement. */
export function parseVisionAnswers(text: string, count: number): boolean[] | null {
  const match = /\{[\s\S]*\}/.exec(text);
  if (!match) return null;
  try {
    const answers = (JSON.parse(match[0]) as { answers?: unknown }).answers;
    if (!Array.isArray(answers) || answers.length !== count || !answers.every((a) => typeof a === 'boolean')) return null;
    return answers;
  } catch {
    return null;
  }
}

/** The screenshot (and the after-input one, when there is one) first, then the checklist. */
export function visionInput(prompt: string, imageBase64: string, afterInputBase64?: string): ChatInput {
  const images = [imageBase64, ...(afterInputBase64 ? [afterInputBase64] : [])].map((base64) => ({ type: 'image' as const, mediaType: 'image/png' as const, base64 }));
  return { system: VISION_SYSTEM, user: [...images, { type: 'text', text: prompt }] };
}
