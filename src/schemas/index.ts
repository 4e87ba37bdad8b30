// Every record of the contract (DESIGN.md "Records"), defined once; types come from these.
export * from './phaserVersion.js';
export * from './seed.js';
export * from './apiDoc.js';
export * from './request.js';
export * from './rawOutput.js';
export * from './candidate.js';
export * from './validation.js';
export * from './validated.js';
export * from './sftSample.js';
export * from './evalPrompt.js';
export * from './checkpoint.js';
export * from './rounds.js';
