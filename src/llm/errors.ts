// One error taxonomy for every remote call (teacher, student inference, vision judge):
// what went wrong, and what the runner should do about it.
import type { ChatAnswer } from './providers/types.js';

/**
 * - `retryable`: try the same call again after a backoff (5xx, dropped connection, timeout).
 * - `rate_limited`: retryable, and the whole run should slow down (429, 529 overloaded).
 * - `fatal`: every other call would fail the same way; stop the run (400, 401, 403, 404, spend limit).
 * - `rejected`: this one job can never succeed, the others can (413 too large, no recorded answer).
 */
export type ErrorKind = 'retryable' | 'rate_limited' | 'fatal' | 'rejected';

/** A classified failure of one call; `message` is already free of secrets. */
export interface CallFailure {
  kind: ErrorKind;
  /** HTTP status, when there was a response. */
  status?: number;
  /** Short machine name: `rate_limit`, `overloaded`, `server_error`, `connection`, `authentication`, … */
  type: string;
  message: string;
  /** Server-requested wait (`retry-after` / `retry-after-ms`), in ms. */
  retryAfterMs?: number;
}

/** An error a caller throws on purpose with its classification attached (e.g. replay: no answer). */
export class ClassifiedCallError extends Error {
  constructor(readonly failure: CallFailure) {
    super(failure.message);
    this.name = 'ClassifiedCallError';
  }
}

/** Secret values that must never reach a log, a report or a file. */
const SECRET_VARIABLES = ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'ANTHROPIC_AUTH_TOKEN'];

/** Replace any secret from the environment found in `text` with `[redacted]`. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const name of SECRET_VARIABLES) {
    const value = process.env[name];
    if (value && value.length >= 6) out = out.split(value).join('[redacted]');
  }
  return out;
}

/** `retry-after-ms`, else `retry-after` (seconds or an HTTP date), in ms. */
export function retryAfterMs(headers: { get(name: string): string | null } | undefined | null): number | undefined {
  if (!headers || typeof headers.get !== 'function') return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null || raw === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

const FATAL_TYPES: Record<number, string> = {
  400: 'invalid_request',
  401: 'authentication',
  402: 'payment_required',
  403: 'permission',
  404: 'not_found',
};

/** Spend caps and exhausted quotas arrive as 429s but no wait fixes them. */
const QUOTA_MARKERS = /enforced_spend_limit_reached|insufficient_quota|spend limit|billing/i;

interface HttpishError {
  status?: unknown;
  headers?: { get(name: string): string | null };
  error?: unknown;
  message?: unknown;
  name?: unknown;
  code?: unknown;
  cause?: unknown;
}

/**
 * Classify anything a call threw. Works on the Anthropic and OpenAI SDK errors (both carry
 * `status`, `headers`, `error` body) and on plain network errors.
 */
export function classifyError(error: unknown): CallFailure {
  if (error instanceof ClassifiedCallError) return error.failure;
  const e = (error ?? {}) as HttpishError;
  const body = e.error === undefined ? '' : safeJson(e.error);
  // cut before redacting too, so that a 50 MB error body costs no more than a short one
  const message = redactSecrets(String(e.message ?? error ?? 'unknown error').slice(0, 8000)).slice(0, 2000);
  const status = typeof e.status === 'number' ? e.status : undefined;
  const wait = retryAfterMs(e.headers);
  if (status === undefined) {
    const name = String(e.name ?? '');
    if (name.includes('Abort') || name === 'APIUserAbortError') return { kind: 'retryable', type: 'aborted', message };
    const type = name.includes('Timeout') ? 'timeout' : 'connection';
    return { kind: 'retryable', type, message };
  }
  if (status === 429) {
    if (QUOTA_MARKERS.test(body) || QUOTA_MARKERS.test(message)) return { kind: 'fatal', status, type: 'spend_limit', message };
    return { kind: 'rate_limited', status, type: 'rate_limit', message, retryAfterMs: wait };
  }
  if (status === 529) return { kind: 'rate_limited', status, type: 'overloaded', message, retryAfterMs: wait };
  if (status === 408 || status === 409) return { kind: 'retryable', status, type: status === 408 ? 'timeout' : 'conflict', message, retryAfterMs: wait };
  if (status >= 500) return { kind: 'retryable', status, type: 'server_error', message, retryAfterMs: wait };
  if (status === 413) return { kind: 'rejected', status, type: 'too_large', message };
  return { kind: 'fatal', status, type: FATAL_TYPES[status] ?? 'client_error', message };
}

function safeJson(value: unknown): string {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return '';
  }
}

/** The failure an answer with no text is (e.g. refused or filtered); undefined for an answer with text. */
export function emptyAnswerFailure(answer: ChatAnswer): CallFailure | undefined {
  return answer.text.trim() === '' ? { kind: 'rejected', type: 'empty_answer', message: `empty answer (stop_reason ${answer.stop_reason ?? 'none'})` } : undefined;
}

/** `answer`, or its empty-answer failure thrown: an empty answer is never an empty record. */
export function requireText(answer: ChatAnswer): ChatAnswer {
  const failure = emptyAnswerFailure(answer);
  if (failure) throw new ClassifiedCallError(failure);
  return answer;
}

/** Who a run's calls went to, for the message when a fatal error stops it. */
export interface Endpoint {
  /** `the claude API`, `the server at http://localhost:8000/v1`. */
  name: string;
  /** Where its key comes from: `ANTHROPIC_API_KEY`. */
  key: string;
  model: string;
  /** What to check on a 404: the model name, where it is set, and the URL. */
  notFoundHint: string;
}

/** A human sentence for the failure that stopped a run: what to check, which variable. */
export function fatalMessage(failure: CallFailure, endpoint: Endpoint): string {
  const status = failure.status ? ` (${failure.status})` : '';
  switch (failure.type) {
    case 'authentication':
      return `${endpoint.name} rejected the key${status}: check ${endpoint.key}`;
    case 'permission':
      return `${endpoint.name} refused access${status}: check that the key in ${endpoint.key} may use model "${endpoint.model}"`;
    case 'not_found':
      return `not found${status}: check ${endpoint.notFoundHint}`;
    case 'spend_limit':
      return `the provider reports a spend limit or exhausted quota${status}: raise it in the provider console, then rerun (it resumes)`;
    case 'payment_required':
      return `the provider asks for payment${status}: check the account's billing, then rerun`;
    default:
      return `${endpoint.name} failed${status}, stopping: ${failure.message}`;
  }
}
