import type { Command } from 'commander';
import { UsageError } from '../../core/index.js';
import { datasetStage, type DatasetStageOptions, type SftFormat, type StudentTokenizerName } from '../../dataset/stage.js';
import { numberFlag, runStageCommand } from '../context.js';

interface DatasetFlags {
  format?: string;
  split?: string;
  /** A file, or `false` from `--no-official`. */
  official?: string | boolean;
  seed?: string;
  tokenizer?: string;
  cutoffLen?: string;
  fromRaw?: boolean;
  preference?: boolean;
}

const FORMATS: SftFormat[] = ['alpaca', 'sharegpt', 'sharegpt-classic'];
const TOKENIZERS: StudentTokenizerName[] = ['qwen3', 'llama3', 'deepseek_v3'];

function parseTokenizer(value: string | undefined): StudentTokenizerName | undefined {
  if (value === undefined) return undefined;
  if (!TOKENIZERS.includes(value as StudentTokenizerName)) throw new UsageError(`--tokenizer: expected ${TOKENIZERS.join(', ')}; got "${value}"`);
  return value as StudentTokenizerName;
}

function parseFormat(value: string | undefined): SftFormat | undefined {
  if (value === undefined) return undefined;
  if (!FORMATS.includes(value as SftFormat)) throw new UsageError(`--format: expected ${FORMATS.join(', ')}; got "${value}"`);
  return value as SftFormat;
}

/** `--split 0.9,0.05,0.05` (or `90,5,5`): three non-negative numbers, train above zero. */
function parseSplit(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((part) => Number(part.trim()));
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n) || n < 0) || parts[0] <= 0) {
    throw new UsageError(`--split: expected three non-negative numbers train,val,test with train > 0, such as 0.9,0.05,0.05; got "${value}"`);
  }
  return parts;
}

/** `dataset`: write the LLaMA-Factory train/val/test set. */
export function register(program: Command): void {
  program
    .command('dataset')
    .description('write the LLaMA-Factory train/val/test set (deduplicated, split by seed)')
    .option('--format <format>', 'alpaca, sharegpt (OpenAI-style messages) or sharegpt-classic (conversations from/value) (default: config dataset.format, alpaca)')
    .option('--split <ratios>', 'train,val,test ratios (default 0.9,0.05,0.05)')
    .option('--official <file>', 'an existing SFT set (alpaca or sharegpt JSONL) to merge (default: data/sft_official/processed.jsonl when present)')
    .option('--no-official', 'do not merge the official set even when present')
    .option('--seed <n>', 'random seed of the split (default: config dataset.seed, 42)')
    .option('--tokenizer <name>', "the student's tokenizer for lengths, cutoff and the training config's template: qwen3, llama3, deepseek_v3 (default: config dataset.tokenizer, qwen3)")
    .option('--cutoff-len <tokens>', 'drop samples longer than this many student tokens, template included (default: config dataset.cutoff_len, 8192)')
    .option('--preference', 'also write the preference (DPO) pairs: selected answers vs failing or clearly lower-scored ones of the same seed, and llamafactory_dpo.yaml (default: config dataset.preference)')
    .option('--from-raw', 'instead, write the unfiltered baseline data/sft_distill/sft_from_raw.jsonl from raw teacher outputs')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ phaser-sft dataset
  $ phaser-sft dataset --format sharegpt --split 0.8,0.1,0.1 --seed 7
  $ phaser-sft dataset --official my_sft.jsonl
  $ phaser-sft dataset --tokenizer llama3 --cutoff-len 4096
  $ phaser-sft dataset --preference
  $ phaser-sft dataset --from-raw

Train with LLaMA-Factory (LoRA SFT config written beside the data; set model_name_or_path first):
  $ llamafactory-cli train data/sft_dataset/llamafactory_sft.yaml
Then DPO on the preference pairs (--preference), from the merged SFT model (docs/training.md):
  $ llamafactory-cli train data/sft_dataset/llamafactory_dpo.yaml`,
    )
    .action((flags: DatasetFlags, command: Command) =>
      runStageCommand(command, datasetStage, (): DatasetStageOptions => {
        const format = parseFormat(flags.format);
        // --from-raw takes only the format
        if (flags.fromRaw) return { format, fromRaw: true };
        const seed = numberFlag('seed', flags.seed);
        if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError('--seed: expected a whole number');
        const cutoffLen = numberFlag('cutoff-len', flags.cutoffLen);
        if (cutoffLen !== undefined && (!Number.isInteger(cutoffLen) || cutoffLen <= 0)) throw new UsageError('--cutoff-len: expected a positive whole number of tokens');
        return {
          format,
          split: parseSplit(flags.split),
          seed,
          tokenizer: parseTokenizer(flags.tokenizer),
          cutoffLen,
          preference: flags.preference,
          official: typeof flags.official === 'string' ? flags.official : flags.official === false ? false : undefined,
        };
      }),
    );
}
