// The runs without spaces of bench/tokens.ts (also used by test/core/tokens.test.ts).

/** A deterministic run of `n` characters of `kind` (xorshift, so before and after see the same text). */
export function run(kind: 'base64' | 'lower' | 'zeros', n: number): string {
  if (kind === 'zeros') return 'A'.repeat(n); // base64 of a zero-filled buffer: one long run
  const alphabet = kind === 'base64' ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/' : 'abcdefghijklmnopqrstuvwxyz';
  let x = 2463534242;
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = alphabet[(x >>> 0) % alphabet.length];
  }
  return out.join('');
}
