import type { Usage } from '../../schemas/index.js';

/** What a chat model is asked: a system prompt and one user turn. */
export interface ChatInput {
  system: string;
  user: string;
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
