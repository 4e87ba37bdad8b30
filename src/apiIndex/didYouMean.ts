// "Did you mean …?" for a Phaser member name that does not exist (used by the L2 validator).
import { splitCamel } from './tokenize.js';

/** Optimal-string-alignment distance (Levenshtein + adjacent transposition), stopping past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2] + 1);
      current[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length];
}

function words(name: string): Set<string> {
  return new Set(splitCamel(name).map((w) => w.toLowerCase()));
}

/**
 * Rank `candidates` by closeness to `name`: case-insensitive equality first, then a blend of
 * edit distance (typos: `setVelocityx`, `setVelocty`) and camelCase word overlap (wrong word
 * order or a missing word: `velocitySet`, `setBodyVelocity`). Returns at most `limit` names.
 */
export function closestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = name.toLowerCase();
  const nameWords = words(name);
  const maxDistance = Math.max(2, Math.floor(name.length / 3));
  const scored: Array<{ candidate: string; score: number }> = [];
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const candidateLower = candidate.toLowerCase();
    if (candidateLower === lower) {
      scored.push({ candidate, score: 100 });
      continue;
    }
    const distance = editDistance(lower, candidateLower, maxDistance);
    const candidateWords = words(candidate);
    let shared = 0;
    for (const word of nameWords) if (candidateWords.has(word)) shared++;
    const overlap = shared / (nameWords.size + candidateWords.size - shared);
    if (distance > maxDistance && overlap < 0.5) continue;
    const closeness = distance <= maxDistance ? 1 - distance / (maxDistance + 1) : 0;
    scored.push({ candidate, score: 2 * closeness + overlap });
  }
  scored.sort((a, b) => b.score - a.score || a.candidate.length - b.candidate.length || (a.candidate < b.candidate ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.candidate);
}
