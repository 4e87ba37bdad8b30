import { Option, type Command } from 'commander';
import { UsageError } from '../../core/index.js';
import { TEACHERS, distillStage, type TeacherName } from '../../distill/stage.js';
import { numberFlag, runStageCommand } from '../context.js';

interface DistillFlags {
  teacher: TeacherName;
  model?: string;
  maxTokens?: string;
  temperature?: string;
  concurrency?: string;
  batch?: boolean;
  dryRun?: boolean;
  maxCostUsd?: string;
  limit?: string;
  retryFailed?: boolean;
  refresh?: boolean;
  from?: string;
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  const n = numberFlag(name, value);
  if (n !== undefined && (!Number.isInteger(n) || n < 0)) throw new UsageError(`--${name}: expected a whole number, got "${value}"`);
  return n;
}

/** `distill`: run the teacher over the requests (resumable). */
export function register(program: Command): void {
  program
    .command('distill')
    .description('run the teacher over the requests: resumable, cost-capped, batch-capable (replay = recorded answers, offline)')
    .addOption(new Option('--teacher <name>', 'claude (Anthropic Messages API), openai (any OpenAI-compatible endpoint) or replay (recorded answers, offline, free)').choices(TEACHERS).makeOptionMandatory())
    .option('--model <model>', 'model name (default: teacher.<teacher>.model in the config)')
    .option('--max-tokens <n>', 'output token limit per answer, for requests without their own requests.max_tokens (default: teacher.<name>.max_tokens)')
    .option('--temperature <t>', 'sampling temperature, for requests without their own requests.temperature (default: teacher.<name>.temperature)')
    .option('--concurrency <n>', 'requests in flight at most; lowered automatically on 429/529 (default: teacher.concurrency, 8)')
    .option('--batch', 'use the provider\'s batch API (Anthropic Message Batches; OpenAI Batch for --teacher openai): half price, answers within 24 h; resumable')
    .option('--dry-run', 'count tokens and print the estimated cost of what remains; send nothing')
    .option('--max-cost-usd <usd>', 'stop starting requests once the spend would pass this; resumable')
    .option('--limit <n>', 'send at most this many of the remaining requests')
    .option('--retry-failed', 'also send requests that failed for good in an earlier run (errors_<teacher>.jsonl)')
    .option('--refresh', 'send again the requests whose seed and sample were answered for an earlier prompt, API context or max_tokens (kept by default)')
    .option('--from <file>', 'replay: answers recorded earlier — a raw_outputs_*.jsonl (matched by request_id) or a demo-answers file (matched by seed_id + sample_index); default: the bundled assets/replay/demo_answers.jsonl')
    .option('--json', 'print the result as JSON on stdout')
    .addHelpText(
      'after',
      `
Keys come from the environment only: ANTHROPIC_API_KEY (+ optional ANTHROPIC_BASE_URL) for
claude, OPENAI_API_KEY and OPENAI_BASE_URL for openai. They are never printed or written.
Outputs: data/sft_distill/raw_outputs_<teacher>.jsonl, checkpoint_<teacher>.json,
errors_<teacher>.jsonl, data/reports/distill_<teacher>_report.json. Rerun to resume.
Exit code 1 while any request is still unanswered.

Examples:
  $ phaser-sft distill --teacher claude --dry-run
  $ phaser-sft distill --teacher claude --concurrency 8 --max-cost-usd 50
  $ phaser-sft distill --teacher claude --batch
  $ phaser-sft distill --teacher openai --model gpt-4.1-mini --batch
  $ OPENAI_BASE_URL=http://localhost:8000/v1 phaser-sft distill --teacher openai --model Qwen/Qwen2.5-72B-Instruct
  $ phaser-sft distill --teacher replay                       # bundled recorded answers, offline`,
    )
    .action((flags: DistillFlags, command: Command) =>
      runStageCommand(command, distillStage, () => {
        const concurrency = positiveInt('concurrency', flags.concurrency);
        if (concurrency === 0) throw new UsageError('--concurrency: must be at least 1');
        const maxCostUsd = numberFlag('max-cost-usd', flags.maxCostUsd);
        if (maxCostUsd !== undefined && maxCostUsd <= 0) throw new UsageError('--max-cost-usd: must be more than 0');
        return {
          teacher: flags.teacher,
          model: flags.model,
          maxTokens: positiveInt('max-tokens', flags.maxTokens),
          temperature: numberFlag('temperature', flags.temperature),
          concurrency,
          batch: flags.batch,
          dryRun: flags.dryRun,
          maxCostUsd,
          limit: positiveInt('limit', flags.limit),
          retryFailed: flags.retryFailed,
          refresh: flags.refresh,
          from: flags.from,
        };
      }),
    );
}
