// The LLaMA-Factory SFT set: samples, dedup, splits, official merge, raw baseline; the student's
// tokenizer, the cutoff, the training config and the dataset card.
export { runDataset, encodeChecked, type DatasetOptions, type DatasetResult } from './dataset.js';
export { runFromRaw, type FromRawResult } from './fromRaw.js';
export { datasetInfo, datasetInfoEntry, llamaFactoryProblem, preferenceInfo, preferenceInfoEntry, preferenceProblem, type DatasetInfoEntry } from './llamaFactory.js';
export { readOfficial, officialConversation } from './official.js';
export { dedupSamples, lshThreshold, lshCandidateProbability } from './dedup.js';
export { assignSplits, normaliseRatios } from './split.js';
export { assistantOutput, encodePair, toAlpaca, toSharegpt, toSharegptClassic, SPLITS, SFT_FORMATS, type Sample, type SftFormat, type SplitName } from './sample.js';
export { loadStudentTokenizer, STUDENT_TOKENIZERS, type StudentTokenizer, type StudentTokenizerName, type TemplateLength } from './tokenizer.js';
export { applyCutoff, countLengths, LLAMA_FACTORY_DEFAULT_CUTOFF, type CutoffResult, type DroppedSample } from './cutoff.js';
export { trainingConfigYaml, dpoConfigYaml, TRAINING_CONFIG_FILE, DPO_CONFIG_FILE } from './trainingConfig.js';
export { buildPreferencePairs, applyPairCutoff, dropCrossSplitPrompts, preferenceFiles, type PreferencePair, type PreferenceMeta, type PreferenceReport, type RejectionReason } from './preference.js';
export { repairTaskSamples, REPAIR_TASK_PROMPT } from './repairTask.js';
export { datasetCard, sizeCategory, HUB_SPLIT } from './card.js';
