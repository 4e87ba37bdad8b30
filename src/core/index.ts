// Shared plumbing for every stage, written once.
export * from './errors.js';
export * from './hash.js';
export * from './atomic.js';
export * from './lineDecoder.js';
export * from './jsonl.js';
export * from './logger.js';
export * from './progress.js';
export * from './report.js';
export * from './workspace.js';
export * from './shard.js';
export * from './tokens.js';
export * from './phaser.js';
export * from './paths.js';
export * from './similarity.js';
export * from './vocabulary.js';
export * from './config/index.js';
