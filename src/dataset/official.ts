// An existing SFT set (alpaca, sharegpt `conversations`, or OpenAI-style `messages`), checked
// record by record and normalised to conversations. Any bad record stops the run at file:line.
import { InputError, readJsonl, stableHash, normalizeText } from '../core/index.js';
import { detectLang, type Conversation, type Sample } from './sample.js';

/** NFC, Unix line endings, outer whitespace trimmed: the form official text is merged in. */
export function normaliseContent(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

type Fail = (field: string | undefined, problem: string) => never;

function text(value: unknown, field: string, fail: Fail, options: { optional?: boolean } = {}): string {
  if (value === undefined || value === null) {
    if (options.optional) return '';
    return fail(field, 'missing');
  }
  if (typeof value !== 'string') return fail(field, `expected a string, got ${Array.isArray(value) ? 'a list' : typeof value}`);
  const normalised = normaliseContent(value);
  if (!normalised && !options.optional) return fail(field, 'empty');
  return normalised;
}

function fromAlpaca(record: Record<string, unknown>, fail: Fail): Conversation {
  const instruction = text(record.instruction, 'instruction', fail);
  const input = text(record.input, 'input', fail, { optional: true });
  const output = text(record.output, 'output', fail);
  const system = text(record.system, 'system', fail, { optional: true });
  const turns = [];
  if (record.history !== undefined && record.history !== null) {
    if (!Array.isArray(record.history)) fail('history', 'expected a list of [prompt, response] pairs');
    for (const [i, pair] of (record.history as unknown[]).entries()) {
      if (!Array.isArray(pair) || pair.length !== 2) fail(`history.${i}`, 'expected [prompt, response]');
      const [user, assistant] = pair as unknown[];
      turns.push({ user: text(user, `history.${i}.0`, fail), assistant: text(assistant, `history.${i}.1`, fail) });
    }
  }
  // LLaMA-Factory joins instruction and input with a newline; doing it here makes both formats agree.
  turns.push({ user: input ? `${instruction}\n${input}` : instruction, assistant: output });
  return { system, turns };
}

const ROLES: Record<string, 'system' | 'user' | 'assistant'> = { system: 'system', user: 'user', human: 'user', assistant: 'assistant', gpt: 'assistant' };

function fromMessages(record: Record<string, unknown>, column: 'messages' | 'conversations', fail: Fail): Conversation {
  const [roleKey, contentKey] = column === 'messages' ? ['role', 'content'] : ['from', 'value'];
  const messages = record[column];
  if (!Array.isArray(messages) || !messages.length) return fail(column, 'expected a non-empty list of messages');
  let system = text(record.system, 'system', fail, { optional: true });
  const turns: Conversation['turns'] = [];
  let pendingUser: string | undefined;
  for (const [i, message] of messages.entries()) {
    const field = `${column}.${i}`;
    if (typeof message !== 'object' || message === null) fail(field, 'expected an object');
    const rawRole = (message as Record<string, unknown>)[roleKey];
    const role = typeof rawRole === 'string' ? ROLES[rawRole] : undefined;
    if (!role) fail(`${field}.${roleKey}`, `unsupported role ${JSON.stringify(rawRole)} (expected ${Object.keys(ROLES).join(', ')}; tool turns are not supported)`);
    const content = text((message as Record<string, unknown>)[contentKey], `${field}.${contentKey}`, fail);
    if (role === 'system') {
      if (i !== 0) fail(`${field}.${roleKey}`, 'a system message is only allowed first');
      system = content;
    } else if (role === 'user') {
      if (pendingUser !== undefined) fail(`${field}.${roleKey}`, 'two user messages in a row (user and assistant must alternate)');
      pendingUser = content;
    } else {
      if (pendingUser === undefined) fail(`${field}.${roleKey}`, 'an assistant message without a user message before it');
      turns.push({ user: pendingUser!, assistant: content });
      pendingUser = undefined;
    }
  }
  if (pendingUser !== undefined || !turns.length) fail(column, 'the conversation must end with an assistant message');
  return { system, turns };
}

/** Turn one official record into a conversation, or throw an InputError at file:line. */
export function officialConversation(value: unknown, file: string, line: number): Conversation {
  const fail: Fail = (field, problem) => {
    throw new InputError({ file, line, field }, problem);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(undefined, 'expected a JSON object (an alpaca or sharegpt record)');
  const record = value as Record<string, unknown>;
  if ('messages' in record) return fromMessages(record, 'messages', fail);
  if ('conversations' in record) return fromMessages(record, 'conversations', fail);
  if ('instruction' in record || 'output' in record) return fromAlpaca(record, fail);
  return fail(undefined, 'neither alpaca (`instruction`, `output`) nor sharegpt (`messages` or `conversations`)');
}

/** Read and normalise every record of an official SFT file (JSON Lines). */
export async function readOfficial(file: string): Promise<Sample[]> {
  const samples: Sample[] = [];
  // An official file is input, not a journal: a cut-off last line is an error, not a torn tail.
  const onTorn = (path: string, line: number) => {
    throw new InputError({ file: path, line }, 'not valid JSON (the last line is cut off)');
  };
  for await (const { value, line } of readJsonl(file, { onTorn })) {
    const conversation = officialConversation(value, file, line);
    const firstUser = conversation.turns[0].user;
    samples.push({
      conversation,
      meta: {
        source: 'official',
        group: `official:${stableHash(normalizeText(firstUser), 16)}`,
        seed_id: null,
        candidate_id: null,
        genre: 'official',
        lang: detectLang(firstUser),
        difficulty: 'unknown',
        id: stableHash(conversation, 16),
      },
    });
  }
  return samples;
}
