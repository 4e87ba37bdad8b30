import { createClaudeCaller, type ClaudeModelOptions } from './claude.js';
import { createOpenAiCaller } from './openai.js';
import type { ChatCaller, ProviderName } from './types.js';

/** The caller of `provider` (`effort` is Claude's only; the OpenAI caller ignores it). */
export function createRemoteCaller(provider: ProviderName, options: ClaudeModelOptions): ChatCaller {
  return provider === 'claude' ? createClaudeCaller(options) : createOpenAiCaller(options);
}
