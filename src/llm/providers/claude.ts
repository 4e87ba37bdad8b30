import Anthropic from '@anthropic-ai/sdk';
import { UsageError, capAnswer } from '../../core/index.js';
import { splitSystemPrompt } from '../systemPrompt.js';
import type { ChatAnswer, ChatCaller, ChatContent, ChatInput, RemoteModelOptions } from './types.js';

export type ClaudeEffort = NonNullable<Anthropic.Messages.OutputConfig['effort']>;

/** Claude settings: the shared ones plus `output_config.effort`. */
export interface ClaudeModelOptions extends RemoteModelOptions {
  effort?: ClaudeEffort;
}

function claudeContent(part: ChatContent): Anthropic.ContentBlockParam {
  return part.type === 'text' ? { type: 'text', text: part.text } : { type: 'image', source: { type: 'base64', media_type: part.mediaType, data: part.base64 } };
}

/** The Messages API parameters for one input: static system prefix marked for prompt caching. */
export function claudeParams(input: ChatInput, options: Pick<ClaudeModelOptions, 'model' | 'maxTokens' | 'temperature' | 'effort'>): Anthropic.MessageCreateParamsNonStreaming {
  const { prefix, rest } = splitSystemPrompt(input.system);
  const system: Anthropic.TextBlockParam[] = [];
  if (prefix) system.push({ type: 'text', text: prefix, cache_control: { type: 'ephemeral' } });
  if (rest) system.push({ type: 'text', text: rest });
  const temperature = input.temperature ?? options.temperature;
  const params: Anthropic.MessageCreateParamsNonStreaming = {
    model: options.model,
    max_tokens: input.max_tokens ?? options.maxTokens,
    ...(system.length ? { system } : {}),
    messages: [{ role: 'user', content: typeof input.user === 'string' ? input.user : input.user.map(claudeContent) }],
    ...(options.effort ? { output_config: { effort: options.effort } } : {}),
  };
  // The SDK's types dropped `temperature` (deprecated for newer models); the API still takes it for older ones.
  return temperature === undefined ? params : ({ ...params, temperature } as Anthropic.MessageCreateParamsNonStreaming);
}

/** A Messages API response in provider-neutral terms. */
export function claudeAnswer(message: Anthropic.Message): ChatAnswer {
  const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
  const usage = message.usage;
  return {
    ...capAnswer(text),
    stop_reason: message.stop_reason,
    truncated: message.stop_reason === 'max_tokens',
    usage: {
      input_tokens: usage.input_tokens,
      output_tokens: usage.output_tokens,
      cache_read_input_tokens: usage.cache_read_input_tokens ?? 0,
      cache_creation_input_tokens: usage.cache_creation_input_tokens ?? 0,
    },
  };
}

/**
 * An Anthropic client with the SDK's own retries off: the runner's backoff is the only one,
 * so attempts are counted and `retry-after` honoured in one place.
 */
export function createClaudeClient(options: Pick<RemoteModelOptions, 'apiKey' | 'baseURL' | 'timeoutMs'> = {}): Anthropic {
  const apiKey = options.apiKey ?? process.env.ANTHROPIC_API_KEY;
  if (!apiKey) throw new UsageError('ANTHROPIC_API_KEY is not set: export it in the environment (it is never read from files)');
  return new Anthropic({
    apiKey,
    baseURL: options.baseURL ?? process.env.ANTHROPIC_BASE_URL ?? undefined,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 600_000,
  });
}

/** Caller for the Claude Messages API (`ANTHROPIC_API_KEY`, optional `ANTHROPIC_BASE_URL`). */
export function createClaudeCaller(options: ClaudeModelOptions): ChatCaller {
  const client = createClaudeClient(options);
  return async (input, signal) => claudeAnswer(await client.messages.create(claudeParams(input, options), { signal, maxRetries: 0 }));
}
