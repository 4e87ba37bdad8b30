// Child process for atomic.test.ts: writes a file atomically and is SIGKILLed mid-write.
//   stream <target>: AtomicJsonlWriter, says "flushed" once megabytes sit in its temp file, then keeps writing.
//   loop <target>:   writeFileAtomic of two alternating 2 MB versions forever, says "started" after the first.
import { AtomicJsonlWriter, writeFileAtomic } from '../../src/core/index.js';

const [mode, target] = process.argv.slice(2);

if (mode === 'stream') {
  const writer = new AtomicJsonlWriter(target);
  let i = 0;
  const payload = 'x'.repeat(200);
  for (; i < 20_000; i++) writer.write({ i, payload }); // > 4 MB: several flushes to the temp file
  process.stdout.write('flushed\n');
  setInterval(() => {
    for (let j = 0; j < 1000; j++) writer.write({ i: i++, payload });
  }, 5);
} else if (mode === 'loop') {
  const versions = ['A', 'B'].map((v) => `${v.repeat(99)}\n`.repeat(20_000));
  let n = 0;
  const step = () => {
    writeFileAtomic(target, versions[n++ % 2]);
    if (n === 1) process.stdout.write('started\n');
    setImmediate(step);
  };
  step();
} else {
  throw new Error(`unknown mode ${mode}`);
}
