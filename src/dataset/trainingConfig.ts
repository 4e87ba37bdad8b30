// The LLaMA-Factory SFT config written beside the data: `llamafactory-cli train <this file>`
// from the workspace root trains a LoRA on the train split, evaluating on val, with the template
// and `cutoff_len` the lengths were counted with. Keys follow LLaMA-Factory's
// examples/train_lora/*_lora_sft.yaml.
import type { SplitName } from './sample.js';
import type { StudentTokenizerSpec } from './tokenizer.js';

export interface TrainingConfigInput {
  /** `dataset_info.json` names of the written splits, by split. */
  datasetNames: Partial<Record<SplitName, string>>;
  /** The dataset folder, relative to where `llamafactory-cli` runs (the workspace root). */
  datasetDir: string;
  spec: StudentTokenizerSpec;
  cutoffLen: number;
  /** Longest kept sample (student tokens), for the comment beside cutoff_len. */
  longestKept: number;
  /** `dataset.name`, for the output folder. */
  name: string;
  trainSamples: number;
}

/** Written as it is (a float in the form PyYAML reads as one: `1.0e-4`, `3.0`). */
interface Raw {
  raw: string;
}
type Value = string | number | boolean | null | Raw;

/** A YAML scalar: numbers and booleans as they are, strings JSON-quoted when YAML would misread them. */
function scalar(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.raw;
  if (typeof value !== 'string') return String(value);
  return /^[A-Za-z0-9_./-]+$/.test(value) && !/^(true|false|null|yes|no|on|off|~|[-+]?[0-9.]+(e[-+]?[0-9]+)?)$/i.test(value) ? value : JSON.stringify(value);
}

type Line = [key: string, value: Value, comment?: string] | string;

function render(lines: Line[]): string {
  return (
    lines
      .map((line) => {
        if (typeof line === 'string') return line;
        const [key, value, comment] = line;
        return `${key}: ${scalar(value)}${comment ? `  # ${comment}` : ''}`;
      })
      .join('\n') + '\n'
  );
}

/** The config's file name, in the dataset folder. */
export const TRAINING_CONFIG_FILE = 'llamafactory_sft.yaml';

export function trainingConfigYaml(input: TrainingConfigInput): string {
  const { spec, datasetNames } = input;
  const train = datasetNames.train;
  if (!train) throw new Error('no train split to train on');
  const template = spec.template.name;
  const evalLines: Line[] = datasetNames.val
    ? [
        ['eval_dataset', datasetNames.val],
        ['per_device_eval_batch_size', 1],
        ['eval_strategy', 'steps'],
        ['eval_steps', 100],
      ]
    : ['# no val split was written (too few seeds for its ratio): no evaluation during training'];
  return render([
    '# LLaMA-Factory LoRA SFT on the phaser-sft dataset, written by `phaser-sft dataset`.',
    '# Run from the workspace root:  llamafactory-cli train data/sft_dataset/llamafactory_sft.yaml',
    '# From the dataset folder alone (e.g. downloaded from the Hub), override the folder:',
    '#   llamafactory-cli train llamafactory_sft.yaml dataset_dir=.',
    `# Token lengths and cutoff_len were counted with the ${spec.family} tokenizer and the \`${template}\``,
    '# template: keep model_name_or_path in that family, or re-run `phaser-sft dataset --tokenizer <name>`.',
    '',
    '### model',
    ['model_name_or_path', spec.model, 'placeholder: your base model (a local path or a Hub id)'],
    ['trust_remote_code', true],
    '',
    '### method',
    ['stage', 'sft'],
    ['do_train', true],
    ['finetuning_type', 'lora', 'lora | full | freeze'],
    ['lora_rank', 16],
    ['lora_alpha', 32],
    ['lora_dropout', 0.05],
    ['lora_target', 'all'],
    '',
    '### dataset',
    ['dataset_dir', input.datasetDir],
    ['dataset', train],
    ['template', template],
    ['cutoff_len', input.cutoffLen, `dataset.cutoff_len; the longest kept sample is ${input.longestKept} tokens, longer ones were dropped`],
    ['overwrite_cache', true],
    ['preprocessing_num_workers', 8],
    ['dataloader_num_workers', 2],
    '',
    '### output',
    ['output_dir', `saves/${input.name}-${template}-lora`],
    ['logging_steps', 10],
    ['save_steps', 200],
    ['plot_loss', true],
    ['overwrite_output_dir', true],
    ['save_only_model', false],
    ['report_to', 'none', 'none | wandb | tensorboard | swanlab | mlflow'],
    '',
    '### train',
    ['per_device_train_batch_size', 1],
    ['gradient_accumulation_steps', 8, `${input.trainSamples} train samples: ${Math.max(1, Math.ceil(input.trainSamples / 8))} optimizer steps per epoch on one GPU`],
    ['learning_rate', { raw: '1.0e-4' }],
    ['num_train_epochs', { raw: '3.0' }],
    ['lr_scheduler_type', 'cosine'],
    ['warmup_ratio', 0.1],
    ['bf16', true],
    ['ddp_timeout', 180000000],
    ['resume_from_checkpoint', null],
    '',
    '### eval',
    ...evalLines,
  ]);
}
