// "Did you mean …?" for a member that does not exist.
import { closestNames, type ApiIndex } from '../../apiIndex/index.js';

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

/** The API index's "did you mean": the receiver's own and inherited members first, then every name. */
export function apiIndexSuggester(index: ApiIndex): MemberSuggester {
  return {
    suggest(name, context) {
      const fromIndex = index.didYouMean(name, { memberOf: context.memberOf, limit: 3 });
      return fromIndex.length ? fromIndex : receiverSuggester.suggest(name, context);
    },
  };
}
