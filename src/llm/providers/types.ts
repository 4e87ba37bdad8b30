import type { Usage } from '../../schemas/index.js';

/** The remote providers: Anthropic's Messages API and any OpenAI-compatible endpoint. */
export type ProviderName = 'claude' | 'openai';

/** The environment variable holding each provider's key. */
export const KEY_VARIABLE: Record<ProviderName, string> = { claude: 'ANTHROPIC_API_KEY', openai: 'OPENAI_API_KEY' };

/** One part of a user turn: text, or an image sent inline (base64). */
export type ChatContent = { type: 'text'; text: string } | { type: 'image'; mediaType: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif'; base64: string };

/** What a chat model is asked: a system prompt and one user turn (text, or text and images in order). */
export interface ChatInput {
  system: string;
  user: string | ChatContent[];
  /** The request's own limits; null or absent: the caller's `maxTokens` / `temperature`. */
  max_tokens?: number | null;
  temperature?: number | null;
}

/** What a chat model answered, in provider-neutral terms. */
export interface ChatAnswer {
  text: string;
  /** The provider's own stop reason (`end_turn`, `max_tokens`, `stop`, `length`, …). */
  stop_reason: string | null;
  /** Cut off by the output token limit. */
  truncated: boolean;
  usage: Usage;
  /** A label carried by recorded answers (replay), e.g. `good` or `flawed:no-game`. */
  label?: string;
  /** The answer was over the size cap (core `MAX_ANSWER_BYTES`): its size; `text` is only its head. */
  answer_bytes?: number;
}

/** One attempt at one call; throws on failure (classified by `classifyError`). */
export type ChatCaller<I = ChatInput> = (input: I, signal: AbortSignal) => Promise<ChatAnswer>;

/** Settings shared by the remote providers. */
export interface RemoteModelOptions {
  model: string;
  maxTokens: number;
  /** Unset: the provider's default (not sent). */
  temperature?: number;
  /** Per-attempt timeout. */
  timeoutMs?: number;
  /** Default: the provider's variable (`ANTHROPIC_API_KEY` / `OPENAI_API_KEY`). */
  apiKey?: string;
  /** Default: the provider's variable (`ANTHROPIC_BASE_URL` / `OPENAI_BASE_URL`), else the public API. */
  baseURL?: string;
}
