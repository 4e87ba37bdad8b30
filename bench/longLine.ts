// Reading one very long JSONL line (a 50 MB answer, an official set's base64 blob): the line
// decoder under every reader, fed 64 KB chunks as a file stream gives them. Before, each chunk
// was joined onto the unfinished line (quadratic); after, the chunks are joined once.
//   npx tsx bench/longLine.ts [--root <checkout>] [--mb 50]
import { join, resolve } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const root = resolve(flag('root', fileURLToPath(new URL('..', import.meta.url))));
const megabytes = Number(flag('mb', '50'));
const { decodeLines } = (await import(pathToFileURL(join(root, 'src/core/lineDecoder.ts')).href)) as typeof import('../src/core/lineDecoder.js');

const all = Buffer.concat([Buffer.from('{"a":1}\n'), Buffer.alloc(megabytes * 1024 * 1024, 0x61), Buffer.from('\n')]);
async function* chunks() {
  for (let i = 0; i < all.length; i += 65536) yield all.subarray(i, i + 65536);
}
const started = performance.now();
let longest = 0;
for await (const line of decodeLines(chunks())) longest = Math.max(longest, line.bytes.length);
console.log(`${root}: one ${megabytes} MB line read in ${((performance.now() - started) / 1000).toFixed(2)} s (longest ${longest.toLocaleString('en')} bytes); ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
