// The validator as a library (`eval score`, `validate-file`, your own scripts): levels by name,
// games through the cache, one file, and the `validate` stage's run.
export { Validator } from './validator.js';
export { parseLevels } from './levels.js';
export { runValidate, validateGames, validateFile, type ValidateOptions, type ValidateResult, type ValidatedGames } from './validate.js';
export { formatVerdict, formatValidateSummary } from './format.js';
export { measureFidelity, requestedElements, type Fidelity, type FidelityCheck, type RequestedGame } from './fidelity/index.js';
