// An independent re-implementation of how LLaMA-Factory reads a dataset, line by line from its
// sources (hiyouga/LLaMA-Factory): `data/parser.py` (DatasetAttr defaults; `columns` and `tags`
// entries missing from dataset_info.json become None), `data/converter.py` (AlpacaDatasetConverter,
// SharegptDatasetConverter) and the drop rule of `data/processor/supervised.py`
// (`len(prompt) % 2 != 1 or len(response) != 1` → "Dropped invalid example"), and for preference
// sets (`"ranking": true`, stage rm/dpo) the pairwise branches of both converters and the drop
// rule of `data/processor/pairwise.py` (`len(prompt) % 2 != 1 or len(response) < 2`). Deliberately
// not sharing code with src/dataset, so the dataset writer is checked against the loader's rules.
import { readFileSync, existsSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';

type Py = unknown;
type Example = Record<string, Py>;

interface DatasetAttr {
  load_from: 'file';
  dataset_name: string;
  formatting: string;
  ranking: boolean;
  system: string | null;
  tools: string | null;
  images: string | null;
  chosen: string | null;
  rejected: string | null;
  kto_tag: string | null;
  prompt: string | null;
  query: string | null;
  response: string | null;
  history: string | null;
  messages: string | null;
  role_tag: string | null;
  content_tag: string | null;
  user_tag: string | null;
  assistant_tag: string | null;
  observation_tag: string | null;
  function_tag: string | null;
  system_tag: string | null;
}

export interface Message {
  role: string;
  content: Py;
}

export interface Aligned {
  _prompt: Message[];
  _response: Message[];
  _system: Py;
}

export interface LoadedDataset {
  name: string;
  attr: DatasetAttr;
  /** Examples that survive the supervised processor (pairwise for a ranking set: `_response` = [chosen, rejected]). */
  examples: Aligned[];
  /** Examples the supervised processor drops ("Dropped invalid example"), with their line. */
  dropped: { line: number; aligned: Aligned }[];
}

/** Python's `dict[key]`: a missing key is a KeyError. */
function item(example: Example, key: string | null): Py {
  if (key === null) throw new Error('KeyError: None');
  if (!(key in example)) throw new Error(`KeyError: '${key}'`);
  return example[key];
}

const truthy = (value: Py) => !(value === null || value === undefined || value === false || value === '' || value === 0 || (Array.isArray(value) && value.length === 0));

/** parser.py get_dataset_list for one name with dataset_dir = `datasetDir`. */
export function getDatasetAttr(name: string, datasetDir: string): DatasetAttr {
  const info = JSON.parse(readFileSync(join(datasetDir, 'dataset_info.json'), 'utf8')) as Record<string, Record<string, Py>>;
  if (!(name in info)) throw new Error(`Undefined dataset ${name} in dataset_info.json.`);
  const entry = info[name];
  if ('hf_hub_url' in entry || 'ms_hub_url' in entry || 'script_url' in entry) throw new Error('not a local file dataset');
  const attr: DatasetAttr = {
    load_from: 'file',
    dataset_name: item(entry, 'file_name') as string,
    formatting: 'alpaca',
    ranking: false,
    system: null,
    tools: null,
    images: null,
    chosen: null,
    rejected: null,
    kto_tag: null,
    prompt: 'instruction',
    query: 'input',
    response: 'output',
    history: null,
    messages: 'conversations',
    role_tag: 'from',
    content_tag: 'value',
    user_tag: 'human',
    assistant_tag: 'gpt',
    observation_tag: 'observation',
    function_tag: 'function_call',
    system_tag: 'system',
  };
  const set = (key: keyof DatasetAttr, obj: Record<string, Py>, fallback: Py = null) => {
    (attr as unknown as Record<string, Py>)[key] = key in obj ? obj[key] : fallback; // obj.get(key, default)
  };
  set('formatting', entry, 'alpaca');
  set('ranking', entry, false);
  if ('columns' in entry) {
    const columns = entry.columns as Record<string, Py>;
    const names: (keyof DatasetAttr)[] = ['system', 'tools', 'images', 'chosen', 'rejected', 'kto_tag'];
    if (attr.formatting === 'alpaca') names.push('prompt', 'query', 'response', 'history');
    else names.push('messages');
    for (const column of names) set(column, columns);
  }
  if (attr.formatting === 'sharegpt' && 'tags' in entry) {
    const tags = entry.tags as Record<string, Py>;
    for (const tag of ['role_tag', 'content_tag', 'user_tag', 'assistant_tag', 'observation_tag', 'function_tag', 'system_tag'] as const) set(tag, tags);
  }
  if (attr.formatting !== 'alpaca' && attr.formatting !== 'sharegpt') throw new Error(`Dataset converter ${attr.formatting} not found.`);
  return attr;
}

/** `stage`: `sft` reads a supervised set; `rm` (DPO/ORPO/SimPO/RM) a preference one. */
type Stage = 'sft' | 'rm';

function alpaca(attr: DatasetAttr, example: Example, stage: Stage): Aligned {
  const prompt: Message[] = [];
  if (attr.history && Array.isArray(item(example, attr.history))) {
    for (const pair of item(example, attr.history) as Py[]) {
      if (!Array.isArray(pair) || pair.length !== 2) throw new Error('ValueError: not enough values to unpack');
      prompt.push({ role: 'user', content: pair[0] }, { role: 'assistant', content: pair[1] });
    }
  }
  const query: Py[] = [];
  if (attr.prompt && truthy(item(example, attr.prompt))) query.push(item(example, attr.prompt));
  if (attr.query && truthy(item(example, attr.query))) query.push(item(example, attr.query));
  prompt.push({ role: 'user', content: query.join('\n') });
  let response: Message[];
  if (attr.kto_tag && typeof item(example, attr.kto_tag) === 'boolean') throw new Error('kto example in an SFT set');
  else if (attr.ranking && stage === 'sft') throw new Error('ranking example in an SFT set');
  else if (attr.ranking && typeof item(example, attr.chosen) === 'string' && typeof item(example, attr.rejected) === 'string')
    response = [
      { role: 'assistant', content: item(example, attr.chosen) },
      { role: 'assistant', content: item(example, attr.rejected) },
    ];
  else if (attr.response && typeof item(example, attr.response) === 'string') response = [{ role: 'assistant', content: item(example, attr.response) }];
  else response = [];
  return { _prompt: prompt, _response: response, _system: attr.system ? item(example, attr.system) : '' };
}

function sharegpt(attr: DatasetAttr, example: Example, stage: Stage): Aligned {
  const tagMapping = new Map<Py, string>([
    [attr.user_tag, 'user'],
    [attr.assistant_tag, 'assistant'],
    [attr.observation_tag, 'observation'],
    [attr.function_tag, 'function'],
    [attr.system_tag, 'system'],
  ]);
  const acceptTags = [
    [attr.user_tag, attr.observation_tag],
    [attr.assistant_tag, attr.function_tag],
  ];
  let messages = item(example, attr.messages) as Example[];
  let system: Py;
  if (attr.system_tag && messages.length !== 0 && item(messages[0], attr.role_tag) === attr.system_tag) {
    system = item(messages[0], attr.content_tag);
    messages = messages.slice(1);
  } else system = attr.system ? item(example, attr.system) : '';
  const aligned: Message[] = [];
  let broken = false;
  for (const [turn, message] of messages.entries()) {
    const role = item(message, attr.role_tag);
    if (!acceptTags[turn % 2].includes(role as string | null)) {
      broken = true; // "Invalid role tag"
      break;
    }
    aligned.push({ role: tagMapping.get(role)!, content: item(message, attr.content_tag) });
  }
  if ((!attr.ranking && aligned.length % 2 !== 0) || (attr.ranking && aligned.length % 2 === 0)) broken = true; // "Invalid message count"
  if (broken) return { _prompt: [], _response: [], _system: system };
  if (attr.ranking && stage === 'sft') throw new Error('ranking example in an SFT set');
  const chosen = attr.ranking ? item(example, attr.chosen) : undefined;
  const rejected = attr.ranking ? item(example, attr.rejected) : undefined;
  const isDict = (value: Py): value is Example => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (attr.ranking && isDict(chosen) && isDict(rejected)) {
    // converter.py only logs "Invalid role tag" here and keeps the pair; refused here, as a writer bug.
    const side = (message: Example): Message => ({ role: tagMapping.get(item(message, attr.role_tag))!, content: item(message, attr.content_tag) });
    const roleOk = [chosen, rejected].every((m) => acceptTags[1].includes(item(m, attr.role_tag) as string | null));
    if (!roleOk) throw new Error(`Invalid role tag in ${JSON.stringify([chosen, rejected])}`);
    return { _prompt: aligned, _response: [side(chosen), side(rejected)], _system: system };
  }
  return { _prompt: aligned.slice(0, -1), _response: aligned.slice(-1), _system: system };
}

/** The `datasets` json loader: one object per line, columns = union of keys, missing → None. */
export function readHfJson(path: string): Example[] {
  if (!existsSync(path)) throw new Error(`File not found: ${path}`);
  if (!['.json', '.jsonl'].includes(extname(path))) throw new Error(`unsupported file type ${extname(path)}`);
  const rows = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Example);
  if (rows.some((row) => typeof row !== 'object' || row === null || Array.isArray(row))) throw new Error('every line must be a JSON object');
  const columns = new Set(rows.flatMap((row) => Object.keys(row)));
  return rows.map((row) => Object.fromEntries([...columns].map((c) => [c, c in row ? row[c] : null])));
}

/** Load one dataset of a `dataset_info.json` the way LLaMA-Factory's SFT stage (or, `stage: 'rm'`, its DPO/RM stage) does. */
export function loadLikeLlamaFactory(name: string, datasetDir: string, stage: Stage = 'sft'): LoadedDataset {
  const attr = getDatasetAttr(name, datasetDir);
  // loader.py _get_merged_dataset: a ranking set only for stage rm, and rm only on ranking sets.
  if ((stage === 'rm') !== (attr.ranking === true)) throw new Error(`ValueError: The dataset ${name} is not applicable in the current training stage.`);
  const rows = readHfJson(join(datasetDir, attr.dataset_name));
  const examples: Aligned[] = [];
  const dropped: LoadedDataset['dropped'] = [];
  for (const [index, row] of rows.entries()) {
    const aligned = attr.formatting === 'alpaca' ? alpaca(attr, row, stage) : sharegpt(attr, row, stage);
    const bad = stage === 'sft' ? aligned._response.length !== 1 : aligned._response.length < 2;
    if (aligned._prompt.length % 2 !== 1 || bad) dropped.push({ line: index + 1, aligned });
    else examples.push(aligned);
  }
  return { name, attr, examples, dropped };
}

/**
 * A LLaMA-Factory training config (the flat `key: value` YAML its examples use), read the way
 * PyYAML's safe_load reads those scalars: ints, floats with a dot (`1.0e-4`, `3.0`), true/false,
 * null, quoted and plain strings; `#` after a space starts a comment. Nested YAML is refused.
 */
export function readTrainingYaml(file: string): Record<string, Py> {
  const out: Record<string, Py> = {};
  for (const [index, raw] of readFileSync(file, 'utf8').split('\n').entries()) {
    const line = raw.replace(/(^|\s)#.*$/, '').trimEnd();
    if (!line.trim()) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*):\s*(.*)$/.exec(line);
    if (!match) throw new Error(`${file}:${index + 1}: not a flat "key: value" line: ${raw}`);
    const [, key, text] = match;
    if (key in out) throw new Error(`${file}:${index + 1}: duplicate key ${key}`);
    let value: Py;
    if (/^-?\d+$/.test(text)) value = Number(text);
    else if (/^[-+]?(\d[\d_]*)?\.[\d_]*([eE][-+]\d+)?$/.test(text)) value = Number(text.replace(/_/g, ''));
    else if (/^(true|True|TRUE)$/.test(text)) value = true;
    else if (/^(false|False|FALSE)$/.test(text)) value = false;
    else if (/^(null|Null|NULL|~|)$/.test(text)) value = null;
    else if (text.startsWith('"')) value = JSON.parse(text);
    else if (text.startsWith("'")) value = text.slice(1, -1).replace(/''/g, "'");
    else if (/^[[{&*!|>%@`]/.test(text)) throw new Error(`${file}:${index + 1}: YAML beyond plain scalars: ${text}`);
    else value = text;
    out[key] = value;
  }
  return out;
}

/** `data_args.dataset` / `eval_dataset`: a comma-separated list of names, stripped (hparams/data_args.py). */
function splitArg(value: Py): string[] {
  if (value === null || value === undefined) return [];
  return String(value)
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

export interface TrainingRun {
  config: Record<string, Py>;
  train: LoadedDataset[];
  eval: LoadedDataset[];
}

/**
 * What `llamafactory-cli train <file>` run in `cwd` would load: `dataset` and `eval_dataset`
 * looked up in `<dataset_dir>/dataset_info.json` (dataset_dir relative to cwd, default `data`),
 * each read as its SFT stage does. `overrides` are `key=value` arguments after the file.
 */
export function loadTrainingConfig(file: string, cwd: string, overrides: Record<string, Py> = {}): TrainingRun {
  const config = { ...readTrainingYaml(file), ...overrides };
  const datasetDir = resolve(cwd, String(config.dataset_dir ?? 'data'));
  // tuner.py: stage dpo / rm / orpo-style runs read their data with get_dataset(stage="rm").
  const stage: Stage = config.stage === 'sft' || config.stage === undefined ? 'sft' : 'rm';
  return {
    config,
    train: splitArg(config.dataset).map((name) => loadLikeLlamaFactory(name, datasetDir, stage)),
    eval: splitArg(config.eval_dataset).map((name) => loadLikeLlamaFactory(name, datasetDir, stage)),
  };
}
