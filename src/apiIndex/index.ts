// The Phaser API index: build it from phaser's doclets, search it (BM25F, bilingual), pack context.
export { buildApiIndex, recordsFromDoclets, type ApiIndexBuildResult } from './build.js';
export { ApiIndex, loadApiIndex, FIELDS, type SearchHit, type SearchOptions, type ApiIndexOptions } from './apiIndex.js';
export { buildApiContext, docLine, renderDocs, rankForGame, requestAspects, requestClauses, type ApiContext, type ApiContextOptions } from './context.js';
export { noiseFamily, excludedForGame, CONSTRUCTED_CLASSES, type NoiseFamily } from './gameFacing.js';
export { apisUsedBy } from './usage.js';
export { buildUsagePrior, loadUsagePrior, resolveUsagePrior, usageFactors, workspacePriorFile, priorFromValidated, indexPhaserVersion, type PriorFromValidatedResult, mechanicApis, MIN_MECHANIC_GAMES, bundledPriorFile, type UsagePrior, type UsedGame } from './usagePrior.js';
export { buildToolkit, toolkitIds, versionAtLeast, TOOLKIT_ELEMENTS, TOOLKIT_MIN_SHARE, type Toolkit } from './toolkit.js';
export { Glossary, loadGlossary, defaultGlossaryFile, type GlossaryTerm, type Segment, type WeightedTerms } from './glossary.js';
export { tokenize, splitCamel, stem, whitespaceTokens } from './tokenize.js';
export { editDistance, closestNames } from './didYouMean.js';
export { Bm25Index, type FieldSpec } from './bm25.js';
export { priorOf } from './prior.js';
export type { ApiRecord, ApiProperty, Doclet } from './doclets.js';
