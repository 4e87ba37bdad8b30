import { UsageError } from './errors.js';
import { sha256 } from './hash.js';
import type { Shard } from './workspace.js';

/** Parse `--shard i/n` (1-based). */
export function parseShard(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new UsageError(`--shard: expected i/n such as 2/8, got "${text}"`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) throw new UsageError(`--shard: ${text} is out of range (1 <= i <= n)`);
  return { index, count };
}

/** Deterministic slice by id: the same id always lands in the same shard, whatever the order of records. */
export function inShard(id: string, shard?: Shard): boolean {
  if (!shard || shard.count === 1) return true;
  return parseInt(sha256(id).slice(0, 8), 16) % shard.count === shard.index - 1;
}
