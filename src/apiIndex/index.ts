// The Phaser API index: build it from phaser's doclets, search it (BM25F, bilingual), pack context.
export { buildApiIndex, recordsFromDoclets, type ApiIndexBuildResult } from './build.js';
export { ApiIndex, loadApiIndex, FIELDS, type SearchHit, type SearchOptions, type ApiIndexOptions } from './apiIndex.js';
export { buildApiContext, docLine, type ApiContext, type ApiContextOptions } from './context.js';
export { Glossary, loadGlossary, defaultGlossaryFile, type GlossaryTerm, type Segment, type WeightedTerms } from './glossary.js';
export { tokenize, splitCamel, stem, whitespaceTokens } from './tokenize.js';
export { editDistance, closestNames } from './didYouMean.js';
export { Bm25Index, type FieldSpec } from './bm25.js';
export { priorOf } from './prior.js';
export type { ApiRecord, ApiProperty, Doclet } from './doclets.js';
