// The LLaMA-Factory SFT set: samples, dedup, splits, official merge, raw baseline.
export { runDataset, encodeChecked, type DatasetOptions, type DatasetResult } from './dataset.js';
export { runFromRaw, type FromRawResult } from './fromRaw.js';
export { datasetInfo, datasetInfoEntry, llamaFactoryProblem, type DatasetInfoEntry } from './llamaFactory.js';
export { readOfficial, officialConversation } from './official.js';
export { dedupSamples, lshThreshold, lshCandidateProbability } from './dedup.js';
export { assignSplits, normaliseRatios } from './split.js';
export { assistantOutput, toAlpaca, toSharegpt, SPLITS, type Sample, type SftFormat, type SplitName } from './sample.js';
