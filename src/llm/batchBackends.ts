// The providers' batch APIs behind one interface, for `distill --batch` (src/distill/batch.ts): Anthropic
// Message Batches, and OpenAI's Batch API (a JSONL file of chat-completion requests, uploaded,
// run within 24 h, answered in an output file). Both are half price.
import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { toFile } from 'openai';
import { claudeAnswer, claudeParams, createClaudeClient, type ClaudeModelOptions } from './providers/claude.js';
import { chatParams, createOpenAiClient, openAiAnswer } from './providers/openai.js';
import type { ChatAnswer, ChatInput, RemoteModelOptions } from './providers/types.js';

/** One request of a batch, under the id its answer comes back with. */
export interface BatchItem {
  customId: string;
  request: ChatInput;
}

/** What became of one request of an ended batch. */
export type BatchOutcome =
  | { customId: string; type: 'succeeded'; answer: ChatAnswer }
  /** The provider rejected the request itself: it would be rejected again. */
  | { customId: string; type: 'invalid'; message: string }
  /** Server error, canceled or expired: worth sending in the next batch. */
  | { customId: string; type: 'retry' };

export interface BatchStatus {
  ended: boolean;
  /** Requests settled so far (answered or failed), for the progress line. */
  settled: number;
  createdAt: string;
  endedAt: string | null;
  /** Why the provider failed the whole batch (a bad input file, an unknown model); null otherwise. */
  failure: string | null;
}

export interface BatchBackend {
  /** Who runs the batches, for messages ("submitted batches keep running at …"). */
  readonly provider: string;
  /** `marker` (when the create started) is stored with the batch where the provider allows it. */
  create(items: BatchItem[], marker: string): Promise<{ id: string; createdAt: string }>;
  status(id: string): Promise<BatchStatus>;
  /** The outcomes of an ended batch; requests it has no line for are left open. */
  results(id: string): Promise<AsyncIterable<BatchOutcome>>;
  /** Batches created since `sinceMs` by the create `marker` (or holding `count` requests): to adopt one a killed run created. */
  recent(sinceMs: number, count: number, marker: string): Promise<{ id: string; createdAt: string }[]>;
}

export function claudeBatches(setup: ClaudeModelOptions): BatchBackend {
  const client = createClaudeClient(setup);
  const total = (counts: Anthropic.Messages.MessageBatchRequestCounts) => counts.succeeded + counts.errored + counts.canceled + counts.expired;
  return {
    provider: 'Anthropic',
    async create(items) {
      const requests = items.map((item) => ({ custom_id: item.customId, params: claudeParams(item.request, setup) }));
      const batch = await client.messages.batches.create({ requests });
      return { id: batch.id, createdAt: batch.created_at };
    },
    async status(id) {
      const batch = await client.messages.batches.retrieve(id);
      return { ended: batch.processing_status === 'ended', settled: total(batch.request_counts), createdAt: batch.created_at, endedAt: batch.ended_at ?? null, failure: null };
    },
    async results(id) {
      const decoder = await client.messages.batches.results(id);
      return (async function* () {
        for await (const item of decoder) {
          const customId = item.custom_id;
          if (item.result.type === 'succeeded') yield { customId, type: 'succeeded', answer: claudeAnswer(item.result.message) };
          else if (item.result.type === 'errored' && item.result.error.error.type === 'invalid_request_error') yield { customId, type: 'invalid', message: item.result.error.error.message };
          else yield { customId, type: 'retry' };
        }
      })();
    },
    async recent(sinceMs, count) {
      const found: { id: string; createdAt: string }[] = [];
      for await (const batch of client.messages.batches.list({ limit: 100 })) {
        if (Date.parse(batch.created_at) < sinceMs) break;
        if (total(batch.request_counts) + batch.request_counts.processing === count) found.push({ id: batch.id, createdAt: batch.created_at });
      }
      return found;
    },
  };
}

const OPENAI_ENDED = new Set<OpenAI.Batch['status']>(['completed', 'failed', 'expired', 'cancelled']);
const iso = (unixSeconds: number | null | undefined) => (unixSeconds ? new Date(unixSeconds * 1000).toISOString() : null);

/** One line of an OpenAI batch output or error file. */
interface OpenAiResultLine {
  custom_id: string;
  response?: { status_code: number; body?: OpenAI.ChatCompletion & { error?: { message?: string } } } | null;
  error?: { code?: string; message?: string } | null;
}

export function openAiBatches(setup: RemoteModelOptions): BatchBackend {
  const client = createOpenAiClient(setup);
  // the batch as `status` last saw it ended: `results` reads its file ids from it, not asking again
  const ended = new Map<string, OpenAI.Batches.Batch>();
  return {
    provider: 'OpenAI',
    async create(items, marker) {
      const lines = items.map((item) => JSON.stringify({ custom_id: item.customId, method: 'POST', url: '/v1/chat/completions', body: chatParams(item.request, setup) }));
      const file = await client.files.create({ file: await toFile(Buffer.from(lines.join('\n') + '\n'), 'phaser-sft-batch.jsonl'), purpose: 'batch' });
      const batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { phaser_sft_create: marker } });
      return { id: batch.id, createdAt: iso(batch.created_at)! };
    },
    async status(id) {
      const batch = await client.batches.retrieve(id);
      if (OPENAI_ENDED.has(batch.status)) ended.set(id, batch);
      const counts = batch.request_counts;
      const failure = batch.status === 'failed' ? (batch.errors?.data ?? []).map((error) => error.message ?? error.code).join('; ') || 'the batch failed' : null;
      return {
        ended: OPENAI_ENDED.has(batch.status),
        settled: (counts?.completed ?? 0) + (counts?.failed ?? 0),
        createdAt: iso(batch.created_at)!,
        endedAt: iso(batch.completed_at ?? batch.failed_at ?? batch.expired_at ?? batch.cancelled_at),
        failure,
      };
    },
    async results(id) {
      const batch = ended.get(id) ?? (await client.batches.retrieve(id));
      ended.delete(id);
      const texts: string[] = [];
      for (const fileId of [batch.output_file_id, batch.error_file_id]) if (fileId) texts.push(await (await client.files.content(fileId)).text());
      return (async function* () {
        for (const text of texts) {
          for (const raw of text.split('\n')) {
            if (!raw.trim()) continue;
            const line = JSON.parse(raw) as OpenAiResultLine;
            const status = line.response?.status_code ?? 0;
            const body = line.response?.body;
            if (status === 200 && body) yield { customId: line.custom_id, type: 'succeeded', answer: openAiAnswer(body) };
            // a 4xx other than a timeout, conflict or rate limit is the request's own fault
            else if (status >= 400 && status < 500 && ![408, 409, 429].includes(status)) {
              yield { customId: line.custom_id, type: 'invalid', message: body?.error?.message ?? line.error?.message ?? `HTTP ${status}` };
            } else yield { customId: line.custom_id, type: 'retry' };
          }
        }
      })();
    },
    async recent(sinceMs, _count, marker) {
      // the create's own marker, in the batch's metadata (its request counts stay 0 while it is validated)
      const found: { id: string; createdAt: string }[] = [];
      for await (const batch of client.batches.list({ limit: 100 })) {
        if (batch.created_at * 1000 < sinceMs) break;
        if (batch.metadata?.phaser_sft_create === marker) found.push({ id: batch.id, createdAt: iso(batch.created_at)! });
      }
      return found;
    },
  };
}
