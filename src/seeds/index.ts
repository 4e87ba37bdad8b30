// Prompt seeds as a library: build the set, its distribution, the genre/mechanic taxonomy.
export { buildSeeds, type SeedsBuildOptions, type SeedsBuildResult } from './build.js';
export { seedStats, formatSeedStats, type SeedStats, type SeedCell } from './stats.js';
export { GENRES, GENRE_IDS, MECHANICS, MECHANIC_IDS, DIFFICULTIES, genreInfo, type GenreInfo, type MechanicInfo } from './taxonomy.js';
// The filters new seeds pass (generated ones, and what `seeds expand` gets from a teacher).
export { SeedFilter, filterCandidates, type FilterResult, type SeedFilterOptions, type Verdict, type Rejection } from './filters.js';
export { COHERENCE_RULES, coherenceProblems, type CoherenceProblem } from './coherence.js';
export { conceptSignature, subjectIds } from './concepts.js';
export { NearDuplicateIndex, countNearDuplicates } from './nearDup.js';
// the public tag inference (genre and mechanics from a prompt's own words), for fidelity checks
export { inferGenre, inferMechanics } from './infer.js';
