// Prompt seeds as a library: build the set, its distribution, the genre/mechanic taxonomy.
export { buildSeeds, type SeedsBuildOptions, type SeedsBuildResult } from './build.js';
export { seedStats, formatSeedStats, type SeedStats, type SeedCell } from './stats.js';
export { GENRES, GENRE_IDS, MECHANICS, MECHANIC_IDS, DIFFICULTIES, genreInfo, type GenreInfo, type MechanicInfo } from './taxonomy.js';
// the public tag inference (genre and mechanics from a prompt's own words), for fidelity checks
export { detectLang, inferGenre, inferMechanics } from './infer.js';
