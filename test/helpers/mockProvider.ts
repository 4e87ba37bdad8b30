// A loopback fake of the Anthropic Messages (+ Message Batches) and OpenAI chat completions
// (+ Files and Batch) APIs, for tests and benchmarks. It counts tokens with the project's tokenizer, simulates
// prompt caching (a `cache_control` prefix of ≥1,024 tokens is written once, then read),
// injects scripted faults, and records every request it got.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { countTokens } from '../../src/core/tokens.js';

/** What to do instead of (or before) answering a request. */
export type Fault =
  | { status: number; retryAfterMs?: number; retryAfterSeconds?: number; errorType?: string; message?: string }
  | { drop: true }
  | { delayMs: number };

export interface MockProviderOptions {
  /** Added to every answer. */
  latencyMs?: number;
  /** The only key accepted (x-api-key or Bearer); anything else gets a 401. */
  apiKey?: string;
  /** The answer text for a request (default: a small fixed game). */
  answer?: (user: string) => string;
  /** `stop_reason` of answers (e.g. `max_tokens` to test truncation); `maxTokens`: the limit sent (messages). */
  stopReason?: (user: string, maxTokens?: number) => string;
  /** A fault for the n-th call (1-based, counted per route) — `route` is `messages`, `chat`, `batch_create`, `batch_get`, `batch_results`. */
  fault?: (n: number, route: Route, user: string | undefined) => Fault | undefined;
  /** Polls of a batch before it ends (default 2). */
  batchPolls?: number;
  /** Result type of a batch item (default `succeeded`). */
  batchItemResult?: (customId: string, user: string) => 'succeeded' | 'errored' | 'expired' | 'invalid';
  /** OpenAI batches fail as a whole with this message (as for a bad input file or an unknown model). */
  openAiBatchFailure?: string;
  /** Keep every request's user text (default true; benchmarks turn it off). */
  record?: boolean;
  /**
   * How the mock counts the tokens it reports in `usage` (default: the project's o200k counter).
   * Tests of huge answers that do not look at usage pass a cheap estimate: counting 50 MB costs
   * ~30 s of CPU.
   */
  countTokens?: (text: string) => number;
  /** The model's minimum cacheable prefix (default 1,024): a shorter marked prefix is not cached. */
  minCacheableTokens?: number;
}

export type Route =
  | 'messages'
  | 'chat'
  | 'batch_create'
  | 'batch_get'
  | 'batch_results'
  | 'batch_list'
  // OpenAI: file upload, batches, file content
  | 'file_upload'
  | 'file_content'
  | 'oai_batch_create'
  | 'oai_batch_get'
  | 'oai_batch_list';

export interface ReceivedRequest {
  route: Route;
  /** User turn (messages/chat), or the custom_ids of a batch create. */
  user?: string;
  customIds?: string[];
  /** Generation settings as sent (messages/chat); absent when not sent. */
  maxTokens?: number;
  temperature?: number;
  /** Answered (200) or not. */
  answered: boolean;
  /** Messages: the system blocks as sent (text and `cache_control`). */
  system?: SystemBlock[];
  /** Images in the user turn (the vision judge). */
  images?: number;
}

export interface MockProvider {
  url: string;
  received: ReceivedRequest[];
  /** Calls per route, answered or not. */
  calls: Record<Route, number>;
  /** Input-side tokens counted for answered requests (plain + cache write + cache read). */
  inputTokens: number;
  outputTokens: number;
  close(): Promise<void>;
}

export const DEFAULT_ANSWER = [
  '[PLAN]',
  'A paddle at the bottom, a ball that bounces, bricks drawn with Graphics.',
  '[/PLAN]',
  '```javascript',
  'class Main extends Phaser.Scene {',
  '  create() { this.add.rectangle(400, 300, 80, 16, 0xffffff); }',
  '}',
  "new Phaser.Game({ type: Phaser.AUTO, width: 800, height: 600, scene: Main });",
  '```',
].join('\n');

interface BatchState {
  id: string;
  created_at: string;
  ended_at: string | null;
  polls: number;
  items: { custom_id: string; user: string; system: SystemBlock[]; max_tokens: number }[];
  results?: string;
}

export type SystemBlock = { type: 'text'; text: string; cache_control?: unknown };

interface OpenAiBatchState {
  id: string;
  created_at: number;
  polls: number;
  metadata: Record<string, string> | null;
  items: { custom_id: string; body: { model: string; messages: { role: string; content: string }[] } }[];
  output_file_id?: string;
  error_file_id?: string;
  completed_at?: number;
  failure?: string;
}

/** The file part of a multipart/form-data body (the Files API upload). */
function multipartFile(raw: Buffer, contentType: string): string {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) throw new Error('multipart body without a boundary');
  for (const part of raw.toString('utf8').split(`--${boundary[1] ?? boundary[2]}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split >= 0 && /name="file"/.test(part.slice(0, split))) return part.slice(split + 4).replace(/\r\n$/, '');
  }
  throw new Error('multipart body without a file part');
}

const MIN_CACHEABLE = 1024;
/** Input tokens billed for one image (Claude: about width × height / 750; a 320×240 screenshot ≈ 102). */
const IMAGE_TOKENS = 102;

type UserContent = string | { type: string; text?: string }[];
/** A user turn's text (the text parts of a turn with images), and its images. */
function userText(content: UserContent): string {
  return typeof content === 'string' ? content : content.flatMap((part) => (part.type === 'text' && part.text !== undefined ? [part.text] : [])).join('\n');
}
const imagesIn = (content: UserContent) => (typeof content === 'string' ? 0 : content.filter((part) => part.type === 'image' || part.type === 'image_url').length);

export async function startMockProvider(options: MockProviderOptions = {}): Promise<MockProvider> {
  const received: ReceivedRequest[] = [];
  const calls: Record<Route, number> = {
    messages: 0,
    chat: 0,
    batch_create: 0,
    batch_get: 0,
    batch_results: 0,
    batch_list: 0,
    file_upload: 0,
    file_content: 0,
    oai_batch_create: 0,
    oai_batch_get: 0,
    oai_batch_list: 0,
  };
  const files = new Map<string, string>();
  const oaiBatches = new Map<string, OpenAiBatchState>();
  const cache = new Set<string>();
  const tokenMemo = new Map<string, number>();
  const batches = new Map<string, BatchState>();
  const record = options.record ?? true;
  let url = '';
  const state: MockProvider = { url, received, calls, inputTokens: 0, outputTokens: 0, close: async () => {} };

  const tokens = (text: string) => {
    let n = tokenMemo.get(text);
    if (n === undefined) {
      n = (options.countTokens ?? countTokens)(text);
      if (text.length > 2000) tokenMemo.set(text, n); // shared prefixes; small texts are cheap
    }
    return n;
  };

  /** Anthropic usage with prompt caching up to the last `cache_control` block. */
  function anthropicUsage(system: SystemBlock[], user: string, answer: string, images = 0) {
    let cachedUpTo = -1;
    system.forEach((block, i) => {
      if (block.cache_control) cachedUpTo = i;
    });
    let input = tokens(user) + images * IMAGE_TOKENS;
    let write = 0;
    let read = 0;
    const prefix = system.slice(0, cachedUpTo + 1).map((b) => b.text).join('');
    const prefixTokens = system.slice(0, cachedUpTo + 1).reduce((sum, b) => sum + tokens(b.text), 0);
    for (const block of system.slice(cachedUpTo + 1)) input += tokens(block.text);
    if (cachedUpTo >= 0 && prefixTokens >= (options.minCacheableTokens ?? MIN_CACHEABLE)) {
      if (cache.has(prefix)) read = prefixTokens;
      else {
        cache.add(prefix);
        write = prefixTokens;
      }
    } else input += prefixTokens;
    const output = tokens(answer);
    state.inputTokens += input + write + read;
    state.outputTokens += output;
    return { input_tokens: input, output_tokens: output, cache_creation_input_tokens: write, cache_read_input_tokens: read };
  }

  function anthropicMessage(system: SystemBlock[], user: string, model: string, maxTokens?: number, images = 0) {
    const text = (options.answer ?? (() => DEFAULT_ANSWER))(user);
    return {
      id: `msg_${Math.random().toString(36).slice(2)}`,
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text }],
      stop_reason: options.stopReason?.(user, maxTokens) ?? 'end_turn',
      stop_sequence: null,
      usage: anthropicUsage(system, user, text, images),
    };
  }

  function batchJson(batch: BatchState) {
    const ended = batch.ended_at !== null;
    const counts = { processing: ended ? 0 : batch.items.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    if (ended && batch.results) for (const line of batch.results.trim().split('\n')) counts[JSON.parse(line).result.type as 'succeeded']++;
    return {
      id: batch.id,
      type: 'message_batch',
      processing_status: ended ? 'ended' : 'in_progress',
      request_counts: counts,
      created_at: batch.created_at,
      ended_at: batch.ended_at,
      expires_at: new Date(Date.parse(batch.created_at) + 86_400_000).toISOString(),
      archived_at: null,
      cancel_initiated_at: null,
      results_url: ended ? `${state.url}/v1/messages/batches/${batch.id}/results` : null,
    };
  }

  function endBatch(batch: BatchState): void {
    const lines = batch.items.map((item) => {
      const kind = options.batchItemResult?.(item.custom_id, item.user) ?? 'succeeded';
      if (kind === 'succeeded') return { custom_id: item.custom_id, result: { type: 'succeeded', message: anthropicMessage(item.system, item.user, 'mock') } };
      if (kind === 'errored') return { custom_id: item.custom_id, result: { type: 'errored', error: { type: 'error', error: { type: 'api_error', message: 'internal error' } } } };
      if (kind === 'invalid') return { custom_id: item.custom_id, result: { type: 'errored', error: { type: 'error', error: { type: 'invalid_request_error', message: 'bad request' } } } };
      return { custom_id: item.custom_id, result: { type: 'expired' } };
    });
    batch.results = lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
    batch.ended_at = new Date().toISOString();
  }

  /** A chat completion for a chat-completions body (online, or one line of an OpenAI batch). */
  function chatCompletion(body: { model: string; messages: { content: UserContent }[] }) {
    const content = body.messages.at(-1)!.content;
    const user = userText(content);
    const system = body.messages.length > 1 ? userText(body.messages[0].content) : '';
    const text = (options.answer ?? (() => DEFAULT_ANSWER))(user);
    const prompt = tokens(system) + tokens(user) + imagesIn(content) * IMAGE_TOKENS;
    const output = tokens(text);
    state.inputTokens += prompt;
    state.outputTokens += output;
    return {
      id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: options.stopReason?.(user) ?? 'stop', logprobs: null }],
      usage: { prompt_tokens: prompt, completion_tokens: output, total_tokens: prompt + output, prompt_tokens_details: { cached_tokens: 0 } },
    };
  }

  function openAiBatchJson(batch: OpenAiBatchState) {
    const done = batch.completed_at !== undefined;
    const failed = done && batch.error_file_id ? files.get(batch.error_file_id)!.trim().split('\n').filter(Boolean).length : 0;
    return {
      id: batch.id,
      object: 'batch',
      endpoint: '/v1/chat/completions',
      input_file_id: 'file-in',
      completion_window: '24h',
      status: batch.failure ? 'failed' : done ? 'completed' : 'in_progress',
      errors: batch.failure ? { object: 'list', data: [{ code: 'invalid_model', message: batch.failure, line: null, param: null }] } : null,
      created_at: batch.created_at,
      completed_at: batch.completed_at ?? null,
      output_file_id: batch.output_file_id ?? null,
      error_file_id: batch.error_file_id ?? null,
      metadata: batch.metadata,
      request_counts: { total: batch.items.length, completed: done ? batch.items.length - failed : 0, failed },
    };
  }

  function endOpenAiBatch(batch: OpenAiBatchState): void {
    if (options.openAiBatchFailure) {
      batch.failure = options.openAiBatchFailure;
      batch.completed_at = Math.floor(Date.now() / 1000);
      return;
    }
    const output: string[] = [];
    const errors: string[] = [];
    for (const item of batch.items) {
      const kind = options.batchItemResult?.(item.custom_id, item.body.messages.at(-1)!.content) ?? 'succeeded';
      const line = (status: number | null, responseBody: unknown, error: unknown = null) =>
        JSON.stringify({ id: `batch_req_${Math.random().toString(36).slice(2)}`, custom_id: item.custom_id, response: status === null ? null : { status_code: status, request_id: 'req', body: responseBody }, error });
      if (kind === 'succeeded') output.push(line(200, chatCompletion(item.body)));
      else if (kind === 'errored') errors.push(line(500, { error: { message: 'internal error', type: 'server_error' } }));
      else if (kind === 'invalid') errors.push(line(400, { error: { message: `model ${item.body.model} does not accept this request`, type: 'invalid_request_error' } }));
      else errors.push(line(null, null, { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' }));
    }
    const save = (lines: string[]) => {
      if (!lines.length) return undefined;
      const id = `file-${files.size + 1}`;
      files.set(id, lines.join('\n') + '\n');
      return id;
    };
    batch.output_file_id = save(output);
    batch.error_file_id = save(errors);
    batch.completed_at = Math.floor(Date.now() / 1000);
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'application/binary' : 'application/json', ...headers });
    res.end(text);
  }

  function errorBody(route: Route, status: number, type: string, message: string) {
    return route === 'chat' ? { error: { message, type, code: type } } : { type: 'error', error: { type, message } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const contentType = req.headers['content-type'] ?? '';
    const raw = Buffer.concat(chunks);
    const body = raw.length && !contentType.startsWith('multipart/') ? JSON.parse(raw.toString('utf8')) : undefined;
    const path = (req.url ?? '').split('?')[0];
    const method = req.method ?? 'GET';
    let route: Route;
    let batchId: string | undefined;
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/messages') route = 'messages';
    else if (method === 'POST' && path === '/v1/chat/completions') route = 'chat';
    else if (method === 'POST' && path === '/v1/messages/batches') route = 'batch_create';
    else if (method === 'GET' && path === '/v1/messages/batches') route = 'batch_list';
    else if (method === 'GET' && (m = /^\/v1\/messages\/batches\/([^/]+)\/results$/.exec(path))) [route, batchId] = ['batch_results', m[1]];
    else if (method === 'GET' && (m = /^\/v1\/messages\/batches\/([^/]+)$/.exec(path))) [route, batchId] = ['batch_get', m[1]];
    else if (method === 'POST' && path === '/v1/files') route = 'file_upload';
    else if (method === 'GET' && (m = /^\/v1\/files\/([^/]+)\/content$/.exec(path))) [route, batchId] = ['file_content', m[1]];
    else if (method === 'POST' && path === '/v1/batches') route = 'oai_batch_create';
    else if (method === 'GET' && path === '/v1/batches') route = 'oai_batch_list';
    else if (method === 'GET' && (m = /^\/v1\/batches\/([^/]+)$/.exec(path))) [route, batchId] = ['oai_batch_get', m[1]];
    else return send(res, 404, { type: 'error', error: { type: 'not_found_error', message: `no route ${method} ${path}` } });
    const n = ++calls[route];
    // a turn with images (the vision judge): its text parts are the user text, each image is billed
    const content: UserContent | undefined = route === 'messages' ? body.messages[0].content : route === 'chat' ? body.messages.at(-1).content : undefined;
    const user = content === undefined ? undefined : userText(content);
    const entry: ReceivedRequest = { route, user, answered: false };
    if (route === 'messages' || route === 'chat') {
      entry.maxTokens = body.max_tokens ?? body.max_completion_tokens;
      entry.temperature = body.temperature;
      entry.images = content === undefined ? 0 : imagesIn(content);
      if (route === 'messages' && Array.isArray(body.system)) entry.system = body.system;
    }
    if (route === 'batch_create') entry.customIds = body.requests.map((r: { custom_id: string }) => r.custom_id);
    if (record) received.push(entry);

    const key = (req.headers['x-api-key'] as string | undefined) ?? (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (options.apiKey !== undefined && key !== options.apiKey) return send(res, 401, errorBody(route, 401, 'authentication_error', 'invalid x-api-key'));

    const fault = options.fault?.(n, route, user);
    if (fault && 'drop' in fault) return void req.socket.destroy();
    const delay = (options.latencyMs ?? 0) + (fault && 'delayMs' in fault ? fault.delayMs : 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (fault && 'status' in fault) {
      const headers: Record<string, string> = {};
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      const type = fault.errorType ?? (fault.status === 429 ? 'rate_limit_error' : fault.status === 529 ? 'overloaded_error' : 'api_error');
      return send(res, fault.status, errorBody(route, fault.status, type, fault.message ?? `mock ${fault.status}`), headers);
    }

    entry.answered = true;
    if (route === 'messages') return send(res, 200, anthropicMessage(body.system ?? [], user!, body.model, body.max_tokens, imagesIn(content!)));
    if (route === 'chat') return send(res, 200, chatCompletion(body));
    if (route === 'file_upload') {
      const id = `file-${files.size + 1}`;
      files.set(id, multipartFile(raw, contentType));
      return send(res, 200, { id, object: 'file', bytes: files.get(id)!.length, created_at: Math.floor(Date.now() / 1000), filename: 'batch.jsonl', purpose: 'batch' });
    }
    if (route === 'file_content') {
      const text = files.get(batchId!);
      return text === undefined ? send(res, 404, errorBody('chat', 404, 'not_found', `no file ${batchId}`)) : send(res, 200, text);
    }
    if (route === 'oai_batch_create') {
      const input = files.get(body.input_file_id);
      if (input === undefined) return send(res, 400, errorBody('chat', 400, 'invalid_request_error', `no file ${body.input_file_id}`));
      const items = input.trim().split('\n').map((line) => JSON.parse(line) as OpenAiBatchState['items'][number]);
      if (record) entry.customIds = items.map((item) => item.custom_id);
      const batch: OpenAiBatchState = { id: `batch_${oaiBatches.size + 1}`, created_at: Math.floor(Date.now() / 1000), polls: 0, metadata: body.metadata ?? null, items };
      oaiBatches.set(batch.id, batch);
      return send(res, 200, openAiBatchJson(batch));
    }
    if (route === 'oai_batch_list') {
      const data = [...oaiBatches.values()].reverse().map(openAiBatchJson);
      return send(res, 200, { object: 'list', data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
    }
    if (route === 'oai_batch_get') {
      const batch = oaiBatches.get(batchId!);
      if (!batch) return send(res, 404, errorBody('chat', 404, 'not_found', `no batch ${batchId}`));
      if (batch.completed_at === undefined && ++batch.polls >= (options.batchPolls ?? 2)) endOpenAiBatch(batch);
      return send(res, 200, openAiBatchJson(batch));
    }
    if (route === 'batch_create') {
      const batch: BatchState = {
        id: `msgbatch_${batches.size + 1}_${Math.random().toString(36).slice(2, 8)}`,
        created_at: new Date().toISOString(),
        ended_at: null,
        polls: 0,
        items: body.requests.map((r: { custom_id: string; params: { system?: SystemBlock[]; messages: { content: string }[]; max_tokens: number } }) => ({
          custom_id: r.custom_id,
          user: r.params.messages[0].content,
          system: r.params.system ?? [],
          max_tokens: r.params.max_tokens,
        })),
      };
      batches.set(batch.id, batch);
      return send(res, 200, batchJson(batch));
    }
    if (route === 'batch_list') {
      const data = [...batches.values()].reverse().map(batchJson);
      return send(res, 200, { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
    }
    const batch = batches.get(batchId!);
    if (!batch) return send(res, 404, errorBody(route, 404, 'not_found_error', `no batch ${batchId}`));
    if (route === 'batch_get') {
      if (batch.ended_at === null && ++batch.polls >= (options.batchPolls ?? 2)) endBatch(batch);
      return send(res, 200, batchJson(batch));
    }
    if (!batch.results) return send(res, 400, errorBody(route, 400, 'invalid_request_error', 'batch has not ended'));
    return send(res, 200, batch.results);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { type: 'error', error: { type: 'api_error', message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.url = url;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
