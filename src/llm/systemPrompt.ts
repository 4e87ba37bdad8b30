/**
 * The heading under which the requests stage inserts the per-request API context. Everything
 * before it is the same for every request, so it is the prefix worth caching.
 */
export const API_CONTEXT_HEADING = '### Phaser API reference';

/** The system prompt cut into its static prefix (cached) and the per-request rest. */
export interface SystemParts {
  prefix: string;
  rest: string;
}

/** Split at the API reference heading; without one, the whole prompt is the static prefix. */
export function splitSystemPrompt(system: string): SystemParts {
  const at = system.indexOf(API_CONTEXT_HEADING);
  if (at <= 0) return { prefix: system, rest: '' };
  return { prefix: system.slice(0, at), rest: system.slice(at) };
}
