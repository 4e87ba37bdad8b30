import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/index.js';
import { apiIndexStage } from '../../apiIndex/stage.js';
import { contextFrom, numberFlag, printResult, runStageCommand } from '../context.js';

/** A query made of the words after the subcommand; an empty one is bad usage (exit 2). */
function queryFrom(words: string[]): string {
  const query = words.join(' ').trim();
  if (!query) throw new UsageError('api-index: the query is empty; try `phaser-sft api-index search "camera follow player"`');
  return query;
}

function mechanicsFrom(value: string | undefined): string[] {
  return value ? value.split(',').map((m) => m.trim()).filter(Boolean) : [];
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  const n = numberFlag(name, value) ?? fallback;
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name}: expected a positive integer, got "${value}"`);
  return n;
}

/** `api-index`: build or query the Phaser API index. */
export function register(program: Command): void {
  const apiIndex = program
    .command('api-index')
    .description('build or query the Phaser API index (data/api_index/phaser_api.jsonl)')
    .addHelpText('after', '\nExamples:\n  $ phaser-sft api-index build\n  $ phaser-sft api-index search "镜头跟随玩家" -k 5');

  apiIndex
    .command('build')
    .description("build the index from the installed phaser package's types/phaser.json")
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  $ phaser-sft api-index build --workspace my-run')
    .action((_options: unknown, command: Command) => runStageCommand(command, apiIndexStage, () => ({})));

  apiIndex
    .command('search')
    .description('search the index (English, Chinese or code) with BM25F + the bilingual glossary')
    .argument('<query...>', 'what to look for')
    .option('-k, --top <n>', 'number of results', '10')
    .option('-m, --mechanics <tags>', 'comma-separated mechanics tags used as extra query terms')
    .option('--json', 'print the results as JSON')
    .addHelpText('after', '\nExamples:\n  $ phaser-sft api-index search "camera follow player"\n  $ phaser-sft api-index search "玩家按空格键跳跃" -k 5 --json')
    .action(async (words: string[], options: { top?: string; mechanics?: string }, command: Command) => {
      const { loadApiIndex } = await import('../../apiIndex/index.js');
      const query = queryFrom(words);
      const k = positiveInt('top', options.top, 10);
      const context = contextFrom(command);
      const index = loadApiIndex(context.workspace.apiIndexFile);
      const mechanics = mechanicsFrom(options.mechanics);
      const hits = index.search(query, { k, extraTerms: mechanics });
      const terms = Object.fromEntries([...index.analyze(query, { extraTerms: mechanics })].map(([term, weight]) => [term, Math.round(weight * 100) / 100]));
      const results = hits.map((hit, i) => ({
        rank: i + 1,
        score: Math.round(hit.score * 1000) / 1000,
        id: hit.doc.id,
        kind: hit.doc.kind,
        signature: hit.doc.signature,
        summary: hit.doc.summary,
      }));
      printResult(context, { query, terms, results }, () =>
        results.length
          ? results.map((r) => `${String(r.rank).padStart(2)}  ${r.score.toFixed(2).padStart(6)}  ${r.id}\n            ${r.signature}${r.summary ? ` — ${r.summary}` : ''}`).join('\n')
          : `no results for "${query}" (query terms: ${Object.keys(terms).join(' ') || 'none'})`,
      );
    });

  apiIndex
    .command('prior')
    .description("count the APIs a workspace's passing games use, by mechanic: the usage prior retrieval ranks by (data/api_index/api_prior.json)")
    .requiredOption('--from <validated.jsonl>', 'validated records (e.g. data/sft_distill/validated.jsonl); only passing games count')
    .option('--out <file>', 'where to write the prior (default: data/api_index/api_prior.json, which requests then prefer to the bundled one)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  $ phaser-sft api-index prior --from data/sft_distill/validated.jsonl && phaser-sft requests')
    .action(async (options: { from: string; out?: string }, command: Command) => {
      const { indexPhaserVersion, loadApiIndex, priorFromValidated } = await import('../../apiIndex/index.js');
      const context = contextFrom(command);
      const index = loadApiIndex(context.workspace.apiIndexFile);
      const result = priorFromValidated(context.workspace, index, {
        from: resolve(options.from),
        out: options.out ? resolve(options.out) : undefined,
        phaserVersion: indexPhaserVersion(context.workspace, context.config),
      });
      printResult(context, result, () =>
        `wrote ${result.file}: ${result.games} passing games (${result.skipped_failed} failing skipped), ${result.apis} APIs, ${result.mechanics} mechanics\n  next: phaser-sft requests (retrieval now ranks by this prior)`,
      );
    });

  apiIndex
    .command('context')
    .description('show the API context a request would get: top-k docs packed into the token budget')
    .argument('<query...>', 'the request text')
    .option('-m, --mechanics <tags>', 'comma-separated mechanics tags used as extra query terms')
    .option('--budget <tokens>', 'token budget (default: config api_index.context_token_budget)')
    .option('-k, --top <n>', 'docs retrieved before packing (default: config api_index.top_k)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  $ phaser-sft api-index context "打砖块游戏，球碰到砖块后砖块消失" --mechanics bounce,collision')
    .action(async (words: string[], options: { mechanics?: string; budget?: string; top?: string }, command: Command) => {
      const { buildApiContext, loadApiIndex } = await import('../../apiIndex/index.js');
      const query = queryFrom(words);
      const context = contextFrom(command);
      const tokenBudget = positiveInt('budget', options.budget, context.config.api_index.context_token_budget);
      const topK = positiveInt('top', options.top, context.config.api_index.top_k);
      const index = loadApiIndex(context.workspace.apiIndexFile);
      const result = buildApiContext(index, { query, mechanics: mechanicsFrom(options.mechanics), tokenBudget, topK });
      printResult(context, result, () => `${result.text}\n\n(${result.api_refs.length} docs, ${result.tokens}/${tokenBudget} tokens)`);
    });
}
