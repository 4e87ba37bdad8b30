// "Did you mean …?" for a member that does not exist.
import { closestNames } from '../../apiIndex/didYouMean.js';

export interface SuggestContext {
  /** The receiver's Phaser longname, e.g. `Phaser.GameObjects.GameObjectFactory`. */
  memberOf?: string;
  /** Member names the type checker sees on the receiver. */
  candidates: string[];
}

export interface MemberSuggester {
  suggest(name: string, context: SuggestContext): string[];
}

/** Closest member names of the receiver itself (edit distance + camelCase word overlap). */
export const receiverSuggester: MemberSuggester = {
  suggest(name, context) {
    return closestNames(name, context.candidates, 3);
  },
};
