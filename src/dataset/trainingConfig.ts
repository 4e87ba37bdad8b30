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

/** The DPO config's file name, beside the SFT one. */
export const DPO_CONFIG_FILE = 'llamafactory_dpo.yaml';

/** Where the SFT config saves its LoRA, and where the merged SFT model goes (the DPO config's base). */
export function sftOutputDirs(name: string, template: string): { adapter: string; merged: string } {
  return { adapter: `saves/${name}-${template}-lora`, merged: `saves/${name}-${template}-sft-merged` };
}

/** `llamafactory_sft.yaml`: LoRA SFT on the train split, evaluating on val. */
export function trainingConfigYaml(input: TrainingConfigInput): string {
  return configYaml(input, 'sft');
}

/**
 * `llamafactory_dpo.yaml`: LoRA DPO on the preference train split, from the merged SFT model.
 * With `finetuning_type: lora` and no `ref_model`, LLaMA-Factory's reference is the base model
 * with the adapter switched off (train/trainer_utils.py create_ref_model), so the base must be
 * the SFT model itself (merged), not the pretrained one with the SFT adapter loaded. Keys, beta,
 * loss and learning rate follow examples/train_lora/qwen3_lora_dpo.yaml.
 */
export function dpoConfigYaml(input: TrainingConfigInput): string {
  return configYaml(input, 'dpo');
}

function configYaml(input: TrainingConfigInput, stage: 'sft' | 'dpo'): string {
  const { spec, datasetNames } = input;
  const train = datasetNames.train;
  if (!train) throw new Error('no train split to train on');
  const template = spec.template.name;
  const dirs = sftOutputDirs(input.name, template);
  const file = stage === 'sft' ? TRAINING_CONFIG_FILE : DPO_CONFIG_FILE;
  const evalLines: Line[] = datasetNames.val
    ? [
        ['eval_dataset', datasetNames.val],
        ['per_device_eval_batch_size', 1],
        ['eval_strategy', 'steps'],
        ['eval_steps', 100],
      ]
    : ['# no val split was written (too few seeds for its ratio): no evaluation during training'];
  const header: Line[] =
    stage === 'sft'
      ? ['# LLaMA-Factory LoRA SFT on the phaser-sft dataset, written by `phaser-sft dataset`.']
      : [
          '# LLaMA-Factory LoRA DPO on the phaser-sft preference pairs, written by `phaser-sft dataset --preference`.',
          `# First train ${TRAINING_CONFIG_FILE} and merge its adapter (llamafactory-cli export with`,
          `#   adapter_name_or_path: ${dirs.adapter} and export_dir: ${dirs.merged}):`,
          '# with LoRA and no ref_model the DPO reference is this base model, so it must be the SFT model.',
        ];
  const method: Line[] = [
    ['stage', stage],
    ['do_train', true],
    ['finetuning_type', 'lora', 'lora | full | freeze'],
    ['lora_rank', 16],
    ['lora_alpha', 32],
    ['lora_dropout', 0.05],
    ['lora_target', 'all'],
    ...(stage === 'dpo'
      ? ([
          ['pref_beta', 0.1],
          ['pref_loss', 'sigmoid', 'sigmoid (dpo) | orpo | simpo'],
        ] satisfies Line[])
      : []),
  ];
  const unit = stage === 'sft' ? 'train samples' : 'train pairs';
  return render([
    ...header,
    `# Run from the workspace root:  llamafactory-cli train data/sft_dataset/${file}`,
    '# From the dataset folder alone (e.g. downloaded from the Hub), override the folder:',
    `#   llamafactory-cli train ${file} dataset_dir=.`,
    `# Token lengths and cutoff_len were counted with the ${spec.family} tokenizer and the \`${template}\``,
    '# template: keep model_name_or_path in that family, or re-run `phaser-sft dataset --tokenizer <name>`.',
    '',
    '### model',
    stage === 'sft' ? ['model_name_or_path', spec.model, 'placeholder: your base model (a local path or a Hub id)'] : ['model_name_or_path', dirs.merged, `the SFT model merged (see above); ${spec.model} family`],
    ['trust_remote_code', true],
    '',
    '### method',
    ...method,
    '',
    '### dataset',
    ['dataset_dir', input.datasetDir],
    ['dataset', train],
    ['template', template],
    ['cutoff_len', input.cutoffLen, `dataset.cutoff_len; the longest kept ${stage === 'sft' ? 'sample' : 'pair (prompt + longer answer)'} is ${input.longestKept} tokens, longer ones were dropped`],
    ['overwrite_cache', true],
    ['preprocessing_num_workers', 8],
    ['dataloader_num_workers', 2],
    '',
    '### output',
    ['output_dir', stage === 'sft' ? dirs.adapter : `saves/${input.name}-${template}-dpo-lora`],
    ['logging_steps', 10],
    ['save_steps', 200],
    ['plot_loss', true],
    ['overwrite_output_dir', true],
    ['save_only_model', false],
    ['report_to', 'none', 'none | wandb | tensorboard | swanlab | mlflow'],
    '',
    '### train',
    ['per_device_train_batch_size', 1],
    ['gradient_accumulation_steps', 8, `${input.trainSamples} ${unit}: ${Math.max(1, Math.ceil(input.trainSamples / 8))} optimizer steps per epoch on one GPU`],
    ['learning_rate', { raw: stage === 'sft' ? '1.0e-4' : '5.0e-6' }],
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
