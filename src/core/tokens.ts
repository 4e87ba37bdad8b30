import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';

let encoder: Tiktoken | undefined;

/**
 * Token count with a real BPE tokenizer (tiktoken o200k_base, pure JS, offline).
 * Claude's tokenizer is not public; o200k is within a few percent on English prose and code,
 * which is what budgets and cost estimates need. Loaded on first use (~0.3 s).
 */
export function countTokens(text: string): number {
  encoder ??= new Tiktoken(o200kBase);
  return encoder.encode(text).length;
}
