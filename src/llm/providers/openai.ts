import OpenAI from 'openai';
import { UsageError, capAnswer } from '../../core/index.js';
import type { ChatAnswer, ChatCaller, ChatContent, ChatInput, RemoteModelOptions } from './types.js';

/** Newer OpenAI models (gpt-5, o-series) take `max_completion_tokens` and reject `max_tokens`. */
function tokenLimit(model: string, maxTokens: number): { max_tokens: number } | { max_completion_tokens: number } {
  return /^(gpt-5|o\d)/.test(model) ? { max_completion_tokens: maxTokens } : { max_tokens: maxTokens };
}

/**
 * Client for any OpenAI-compatible endpoint (OpenAI, DeepSeek, Qwen, vLLM, llama.cpp, Ollama).
 * The key comes from `OPENAI_API_KEY`; a local server (a base URL is set) may need none. The
 * SDK's own retries are off: the runner retries.
 */
export function createOpenAiClient(options: Pick<RemoteModelOptions, 'apiKey' | 'baseURL' | 'timeoutMs'> = {}): OpenAI {
  const baseURL = options.baseURL ?? (process.env.OPENAI_BASE_URL || undefined);
  let apiKey = options.apiKey ?? process.env.OPENAI_API_KEY;
  if (!apiKey) {
    if (!baseURL) throw new UsageError('OPENAI_API_KEY is not set: export it (or OPENAI_BASE_URL for a local OpenAI-compatible server)');
    apiKey = 'not-needed'; // local servers ignore it; the SDK insists on one
  }
  return new OpenAI({ apiKey, baseURL, maxRetries: 0, timeout: options.timeoutMs ?? 600_000 });
}

function chatContent(part: ChatContent): OpenAI.ChatCompletionContentPart {
  return part.type === 'text' ? { type: 'text', text: part.text } : { type: 'image_url', image_url: { url: `data:${part.mediaType};base64,${part.base64}` } };
}

/** The chat-completions body for one input (the request's own limits win over the caller's). */
export function chatParams(input: ChatInput, options: Pick<RemoteModelOptions, 'model' | 'maxTokens' | 'temperature'>): OpenAI.ChatCompletionCreateParamsNonStreaming {
  const messages: OpenAI.ChatCompletionMessageParam[] = [];
  if (input.system) messages.push({ role: 'system', content: input.system });
  messages.push({ role: 'user', content: typeof input.user === 'string' ? input.user : input.user.map(chatContent) });
  const temperature = input.temperature ?? options.temperature;
  return { model: options.model, messages, ...(temperature === undefined ? {} : { temperature }), ...tokenLimit(options.model, input.max_tokens ?? options.maxTokens) };
}

/** Caller for chat completions on an OpenAI-compatible endpoint. */
export function createOpenAiCaller(options: RemoteModelOptions): ChatCaller {
  const client = createOpenAiClient(options);
  return async (input, signal) => openAiAnswer(await client.chat.completions.create(chatParams(input, options), { signal, maxRetries: 0 }));
}

/** A chat completion in provider-neutral terms; cached prompt tokens are split out of the input. */
export function openAiAnswer(completion: OpenAI.ChatCompletion): ChatAnswer {
  const choice = completion.choices[0];
  const usage = completion.usage;
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    ...capAnswer(choice?.message?.content ?? ''),
    stop_reason: choice?.finish_reason ?? null,
    truncated: choice?.finish_reason === 'length',
    usage: {
      input_tokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cached),
      output_tokens: usage?.completion_tokens ?? 0,
      cache_read_input_tokens: cached,
      cache_creation_input_tokens: 0,
    },
  };
}
