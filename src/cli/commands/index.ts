// One file per command; each registers itself on the program. Order = order in --help.
import type { Command } from 'commander';
import { register as init } from './init.js';
import { register as apiIndex } from './apiIndex.js';
import { register as seeds } from './seeds.js';
import { register as requests } from './requests.js';
import { register as distill } from './distill.js';
import { register as parse } from './parse.js';
import { register as validate } from './validate.js';
import { register as validateFile } from './validateFile.js';
import { register as select } from './select.js';
import { register as dataset } from './dataset.js';
import { register as evaluation } from './evaluation.js';
import { register as infer } from './infer.js';
import { register as run } from './run.js';
import { register as demo } from './demo.js';
import { register as report } from './report.js';
import { register as status } from './status.js';

export const commands: Array<(program: Command) => void> = [
  init, apiIndex, seeds, requests, distill, parse, validate, validateFile,
  select, dataset, evaluation, infer, run, demo, report, status,
];
