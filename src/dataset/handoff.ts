// What travels with the data to the trainer: the LLaMA-Factory SFT config and the dataset card,
// both written beside the split files from what the dataset stage counted.
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { logger, writeFileAtomic } from '../core/index.js';
import { datasetCard, type CardInput } from './card.js';
import { TRAINING_CONFIG_FILE, trainingConfigYaml } from './trainingConfig.js';

export type HandOffInput = Omit<CardInput, 'trainingConfigFile'> & { trainSamples: number };

/** Write `llamafactory_sft.yaml` (when there is a train split; a stale one is removed) and `README.md`. */
export function writeHandOff(input: HandOffInput): { trainingConfigFile: string; cardFile: string } {
  const { workspace, config, tokenizer, datasetNames } = input;
  const trainingConfigFile = join(workspace.datasetDir, TRAINING_CONFIG_FILE);
  const cardFile = join(workspace.datasetDir, 'README.md');
  // Relative to the workspace root, where phaser-sft and llamafactory-cli both run.
  const datasetDir = relative(workspace.root, workspace.datasetDir).split('\\').join('/') || '.';
  if (datasetNames.train) {
    writeFileAtomic(
      trainingConfigFile,
      trainingConfigYaml({ datasetNames, datasetDir, spec: tokenizer.spec, cutoffLen: input.cutoffLen, longestKept: input.longestKept, name: config.dataset.name, trainSamples: input.trainSamples }),
    );
  } else {
    rmSync(trainingConfigFile, { force: true });
    logger.warn(`no train split: ${TRAINING_CONFIG_FILE} not written`);
  }
  writeFileAtomic(cardFile, datasetCard({ ...input, trainingConfigFile: TRAINING_CONFIG_FILE }));
  return { trainingConfigFile, cardFile };
}
