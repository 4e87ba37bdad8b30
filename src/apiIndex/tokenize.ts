// Code-aware tokens for English text and Phaser identifiers.

/** Words too common in the docs (or in requests) to say anything about an API. */
const STOPWORDS = new Set(
  (
    'a an and are as at be been but by can do does for from has have if in into is it its of on or so ' +
    'such than that the their then there these this those to was were will with would you your we our ' +
    'i me my he she they them which who what when where how all any each other some no not only own ' +
    'same too very just also should could may might must shall via per use used using make made game ' +
    'phaser value values object objects default true false number string boolean null undefined'
  ).split(' '),
);

/** Split an identifier at camelCase and digit boundaries: `setVelocityX` → set, velocity, x. */
export function splitCamel(word: string): string[] {
  return word
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .split(/[\s_$]+/)
    .filter(Boolean);
}

/**
 * Tiny suffix stripper so that `collides`, `colliding`, `collide` meet (and `bounces`, `bouncing`,
 * `bounce`). Deliberately weaker than Porter: API words must stay recognisable.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('es') && /(?:ch|sh|x|ss|zz)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  if (w.length > 3 && /([^aeiou])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w)) w = w.slice(0, -1); // dropping → dropp → drop
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

export interface TokenizeOptions {
  /** Keep stopwords (identifiers such as `this` and `add` are meaningful in names). */
  keepStopwords?: boolean;
}

/**
 * Code-aware tokens: every identifier-like chunk (`this.physics.add.collider`,
 * `Velocity#setVelocity`) is split at `.`, `#`, `:` and camelCase; the whole word is kept
 * beside its parts (`setvelocity`, `set`, `velocity`). Lower-cased and lightly stemmed.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const tokens: string[] = [];
  const memo = options.keepStopwords ? segmentMemoKeep : segmentMemo;
  for (const path of text.match(/[A-Za-z_$][\w$]*(?:(?:[.#]|#event:)[A-Za-z_$][\w$]*)*/g) ?? []) {
    const segments = path.split(/[.#:]+/);
    if (segments.length > 1) tokens.push(path.toLowerCase());
    for (const segment of segments) {
      let segmentTokens = memo.get(segment);
      if (!segmentTokens) {
        segmentTokens = segmentToTokens(segment, options);
        if (memo.size > 200_000) memo.clear();
        memo.set(segment, segmentTokens);
      }
      for (const token of segmentTokens) tokens.push(token);
    }
  }
  return tokens;
}

// Words repeat a lot across 8k docs; splitting and stemming each distinct word once halves build time.
const segmentMemo = new Map<string, string[]>();
const segmentMemoKeep = new Map<string, string[]>();

function segmentToTokens(segment: string, options: TokenizeOptions): string[] {
  const tokens: string[] = [];
  const parts = splitCamel(segment).map((p) => p.toLowerCase());
  // A compound identifier: the whole name is its own token too (exact-name queries hit hard).
  if (parts.length > 1) tokens.push(segment.toLowerCase());
  for (const part of parts) push(tokens, part, options);
  return tokens;
}

function push(tokens: string[], word: string, options: TokenizeOptions): void {
  if (word.length < 2 && !/^[xy]$/.test(word)) return; // x / y are real API words (setVelocityX)
  if (!options.keepStopwords && STOPWORDS.has(word)) return;
  tokens.push(stem(word));
}

/** Whitespace tokens, lower-cased: the naive baseline the benchmark compares against. */
export function whitespaceTokens(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}
