// Student tokenizers vs o200k: cold load time (each in a fresh process, through
// src/dataset/tokenizer.ts), resident memory added, tokens/s on plain text and on whole samples
// under the LLaMA-Factory template; and the demo dataset's lengths under each tokenizer.
// Run: npx tsx bench/tokenizers.ts [--workspace /tmp/ho-demo] [--games 200] [--json]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Workspace, countTokens, distribution, readJsonlSync } from '../src/core/index.js';
import { loadStudentTokenizer, type StudentTokenizerName } from '../src/dataset/index.js';
import { conversationText, type Conversation } from '../src/dataset/sample.js';
import { syntheticGame } from '../test/fixtures/dataset/syntheticCode.js';

const NAMES: StudentTokenizerName[] = ['qwen3', 'llama3', 'deepseek_v3'];
type Dist = ReturnType<typeof distribution>;
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

/** The synthetic corpus: `count` games of 3–6 KB, each a one-turn sample with a short prompt. */
function corpus(count: number): Conversation[] {
  return Array.from({ length: count }, (_, i) => ({
    system: 'You write complete Phaser 3 games: a [PLAN], then one javascript block.',
    turns: [{ user: i % 2 ? `Make game ${i}: dodge the blocks` : `做第${i}个游戏：躲避方块`, assistant: '[PLAN]\n- a game\n\n```javascript\n' + syntheticGame(i, 3000 + ((i * 977) % 3000)) + '\n```' }],
  }));
}

interface ChildResult {
  name: string;
  load_ms: number;
  /** CPU time of the load (user + system): on a shared machine, closer to the work than wall time. */
  load_cpu_ms: number;
  rss_added_mb: number;
  text_tokens: number;
  text_tokens_per_s: number;
  template_tokens_per_s: number;
}

/** One tokenizer (or o200k) in this process, fresh: load, then count the corpus twice (plain, templated). */
async function child(name: string, games: number): Promise<ChildResult> {
  const conversations = corpus(games);
  const texts = conversations.map(conversationText);
  const rss = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const started = performance.now();
  let count: (text: string) => number;
  let templated: (c: Conversation) => number;
  if (name === 'o200k_base') {
    countTokens('warm');
    count = countTokens;
    templated = (c) => countTokens(conversationText(c));
  } else {
    const tokenizer = await loadStudentTokenizer(name as StudentTokenizerName);
    count = tokenizer.count;
    templated = (c) => tokenizer.lengthOf(c).total;
  }
  const loadMs = performance.now() - started;
  const loadCpu = process.cpuUsage(cpu);
  const rssAdded = (process.memoryUsage().rss - rss) / 2 ** 20;
  // CPU seconds of this process: the machine is shared, so wall time would measure the load.
  const cpuSeconds = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1e6;
  };
  let t = process.cpuUsage();
  let tokens = 0;
  for (const text of texts) tokens += count(text);
  const textSeconds = cpuSeconds(t);
  t = process.cpuUsage();
  let templateTokens = 0;
  for (const c of conversations) templateTokens += templated(c);
  const templateSeconds = cpuSeconds(t);
  return {
    name,
    load_ms: Math.round(loadMs),
    load_cpu_ms: Math.round((loadCpu.user + loadCpu.system) / 1000),
    rss_added_mb: Math.round(rssAdded),
    text_tokens: tokens,
    text_tokens_per_s: Math.round(tokens / textSeconds),
    template_tokens_per_s: Math.round(templateTokens / templateSeconds),
  };
}

/** The demo's written samples (alpaca or sharegpt) as conversations, by split. */
function demoSplits(root: string): Record<string, Conversation[]> {
  const workspace = new Workspace(root);
  const out: Record<string, Conversation[]> = {};
  for (const split of ['train', 'val', 'test'] as const) {
    const file = workspace.splitFile(split);
    if (!existsSync(file)) continue;
    out[split] = readJsonlSync(file).map(({ value }) => {
      const r = value as Record<string, unknown>;
      if (Array.isArray(r.messages)) {
        const m = r.messages as { role: string; content: string }[];
        return { system: m.find((x) => x.role === 'system')?.content ?? '', turns: [{ user: m.find((x) => x.role === 'user')!.content, assistant: m.find((x) => x.role === 'assistant')!.content }] };
      }
      return { system: String(r.system ?? ''), turns: [{ user: String(r.instruction), assistant: String(r.output) }] };
    });
  }
  return out;
}

async function main(): Promise<void> {
  const games = Number(flag('games') ?? 200);
  const childName = flag('child');
  if (childName) {
    process.stdout.write(JSON.stringify(await child(childName, games)));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const rows: ChildResult[] = [];
  for (const name of ['o200k_base', ...NAMES]) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', name, '--games', String(games)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${name}: ${run.stderr}`);
    rows.push(JSON.parse(run.stdout) as ChildResult);
  }
  const out: Record<string, unknown> = { machine: { cpus: cpus().length, loadavg_1m: Math.round(loadavg()[0] * 100) / 100, node: process.version }, games, rows };
  const root = flag('workspace');
  if (root) {
    const splits = demoSplits(root);
    const lengths: Record<string, Record<string, { sample: Dist; answer: Dist }>> = {};
    const answerOf = (c: Conversation) => c.turns.map((t) => t.assistant).join('\n');
    lengths.o200k_base = Object.fromEntries(
      Object.entries(splits).map(([split, cs]) => [split, { sample: distribution(cs.map((c) => countTokens(conversationText(c)))), answer: distribution(cs.map((c) => countTokens(answerOf(c)))) }]),
    );
    for (const name of NAMES) {
      const tokenizer = await loadStudentTokenizer(name);
      lengths[name] = Object.fromEntries(
        Object.entries(splits).map(([split, cs]) => [split, { sample: distribution(cs.map((c) => tokenizer.lengthOf(c).total)), answer: distribution(cs.map((c) => tokenizer.lengthOf(c).answer)) }]),
      );
    }
    out.demo = lengths;
  }
  if (args.includes('--json')) {
    console.log(JSON.stringify(out, null, 2));
    return;
  }
  console.log(`machine: ${cpus().length} cpus, load ${out.machine && (out.machine as { loadavg_1m: number }).loadavg_1m}, node ${process.version}; corpus ${games} synthetic games`);
  console.log('| tokenizer | cold load wall (ms) | load CPU (ms) | RSS added (MB) | tokens (plain text) | tokens/CPU-s plain | tokens/CPU-s whole sample, template |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.name} | ${r.load_ms} | ${r.load_cpu_ms} | ${r.rss_added_mb} | ${r.text_tokens} | ${r.text_tokens_per_s} | ${r.template_tokens_per_s} |`);
  if (out.demo) {
    console.log('\ndemo samples: whole sample (students: under their LLaMA-Factory template; o200k: plain text) and the answer alone');
    console.log('| tokenizer | split | n | sample min | p50 | p90 | max | mean | answer p50 | answer max |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [name, bySplit] of Object.entries(out.demo as Record<string, Record<string, { sample: Dist; answer: Dist }>>)) {
      for (const [split, { sample: d, answer: a }] of Object.entries(bySplit)) console.log(`| ${name} | ${split} | ${d.count} | ${d.min} | ${d.p50} | ${d.p90} | ${d.max} | ${d.mean} | ${a.p50} | ${a.max} |`);
    }
  }
}

await main();
