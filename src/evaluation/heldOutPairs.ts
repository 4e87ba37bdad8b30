// The mechanic pairs held out of training, as the dataset stage and `eval build` both read them.
import type { Config } from '../core/index.js';
import { carriesHeldOutPair, heldOutMechanicPairs } from './oodPrompts.js';

export { carriesHeldOutPair };

/** The held-out pairs of a config (`eval.ood_mechanic_pairs`, `eval.random_seed`, `eval.ood_genres`). */
export function oodMechanicPairs(config: Config): string[] {
  return heldOutMechanicPairs({ count: config.eval.ood_mechanic_pairs, randomSeed: config.eval.random_seed, oodGenres: config.eval.ood_genres });
}
