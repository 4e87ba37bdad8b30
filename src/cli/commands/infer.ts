import type { Command } from 'commander';
import { inferStage } from '../../infer/stage.js';
import { numberFlag, runStageCommand } from '../context.js';

/** `infer`: run a trained model on the eval prompts through an OpenAI-compatible server. */
export function register(program: Command): void {
  program
    .command('infer')
    .description('run a trained model on the eval prompts through an OpenAI-compatible server (vLLM, llama.cpp, Ollama, TGI); resumable')
    .requiredOption('--base-url <url>', 'the server\'s OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1')
    .requiredOption('--model <name>', 'model name as the server knows it (also names generations_<model>.jsonl)')
    .option('--concurrency <n>', 'requests in flight (default: config eval.infer.concurrency)')
    .option('--max-tokens <n>', 'output token limit per answer')
    .option('--temperature <t>', 'sampling temperature')
    .option('--limit <n>', 'at most this many of the remaining prompts')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ vllm serve ./out/my-student --served-model-name my-student --port 8000
  $ phaser-sft infer --base-url http://127.0.0.1:8000/v1 --model my-student --concurrency 32
  $ phaser-sft infer --base-url http://127.0.0.1:11434/v1 --model qwen2.5-coder:7b   # Ollama

The key, if the server needs one, comes from OPENAI_API_KEY. Ctrl-C stops after the answers in flight.`,
    )
    .action((options: { baseUrl: string; model: string; concurrency?: string; maxTokens?: string; temperature?: string; limit?: string }, command: Command) =>
      runStageCommand(command, inferStage, () => ({
        baseUrl: options.baseUrl,
        model: options.model,
        concurrency: numberFlag('concurrency', options.concurrency),
        maxTokens: numberFlag('max-tokens', options.maxTokens),
        temperature: numberFlag('temperature', options.temperature),
        limit: numberFlag('limit', options.limit),
      })),
    );
}
