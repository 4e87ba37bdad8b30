// `distill`: the teacher over the requests — resumable, cost-capped, batch-capable; `replay`
// answers from recorded outputs, offline. The runner itself is in distill.ts.
import { UsageError, type Workspace } from '../core/index.js';
import { defineStage } from '../core/stage.js';
import { readCheckpoint } from '../schemas/index.js';
import type { DistillOptions, DistillResult } from './distill.js';
import { TEACHERS, type TeacherName } from './teachers.js';

export { TEACHERS, type TeacherName };

/** Parsed flags: the runner's options but what the context gives; a key left undefined takes the config's value. */
export type DistillStageOptions = Omit<DistillOptions, 'workspace' | 'config' | 'quiet' | 'stopSignal' | 'abortSignal'>;

/** The teacher named, or a usage error listing the teachers. */
export function teacherName(value: string): TeacherName {
  if ((TEACHERS as readonly string[]).includes(value)) return value as TeacherName;
  throw new UsageError(`--teacher: "${value}" is not a teacher; choose ${TEACHERS.join(', ')}`);
}

/** Raw outputs files present, or the one of the chosen teacher. */
export function rawOutputFiles(workspace: Workspace, teacher?: string): string[] {
  return teacher ? [workspace.rawOutputsFile(teacher)] : workspace.rawOutputsFiles();
}

function summary(result: DistillResult): string {
  if (result.mode === 'dry-run' && result.estimate) {
    const e = result.estimate;
    const priced = e.priced ? '' : ' (no price for this model: add it to teacher.prices)';
    return [
      `dry run — nothing sent. ${result.teacher} ${result.model}: ${e.requests} of ${result.requests} requests remain (${result.done_before} answered${result.kept ? `, of which ${result.kept} kept from an earlier prompt or settings (--refresh sends them)` : ''}${result.skipped_failed ? `, ${result.skipped_failed} failed earlier, skipped` : ''})`,
      `  input tokens      ${e.input_tokens.toLocaleString('en-US')} (cache write ${e.usage.cache_creation_input_tokens.toLocaleString('en-US')}, cache read ${e.usage.cache_read_input_tokens.toLocaleString('en-US')})`,
      `  output tokens     ${e.usage.output_tokens.toLocaleString('en-US')} (${e.expected_output_tokens_per_request} per answer expected)`,
      `  prompt cache      ${e.cache.prefix_tokens.toLocaleString('en-US')}-token static prefix (${e.cache.distinct_prefixes} distinct) vs ${e.cache.min_cacheable_tokens.toLocaleString('en-US')} minimum for ${result.model}${e.cache.min_known ? '' : ' (model not in the table: largest minimum assumed)'}: ${e.cache.cacheable ? `cached; predicted cache reads ${e.cache.predicted_cache_read_tokens.toLocaleString('en-US')} tokens over ${e.cache.predicted_cache_read_requests} requests` : 'below the minimum, nothing will be cached'}`,
      `  estimated cost    $${e.estimated_cost_usd.toFixed(2)}${priced}`,
      `  upper bound       $${e.upper_bound_cost_usd.toFixed(2)} (no cache hits, every answer at max_tokens)`,
      `  spent so far      $${result.total_spent_usd.toFixed(2)}`,
    ].join('\n');
  }
  const lines = [
    `${result.teacher} ${result.model} (${result.teacher === 'replay' ? 'recorded answers, offline' : result.mode}): ${result.answered} answered now, ${result.done_before} before${result.kept ? ` (${result.kept} kept: answered for an earlier prompt or settings; --refresh re-sends)` : ''}, ${result.failed} failed, ${result.unanswered} of ${result.requests} unanswered`,
    `  spent $${result.spent_usd.toFixed(4)} this run, $${result.total_spent_usd.toFixed(4)} in all`,
    `  outputs ${result.outputs_file}`,
  ];
  if (result.report_file) lines.push(`  report  ${result.report_file}`);
  return lines.join('\n');
}

export const distillStage = defineStage<DistillStageOptions, DistillResult>({
  name: 'distill',
  command: 'distill',
  inputs: (ctx) => [ctx.workspace.requestsFile],
  outputs: (ctx) => rawOutputFiles(ctx.workspace, ctx.teacher),
  settings: (ctx) => {
    const teacher = ctx.teacher ?? 'replay';
    const section = (ctx.config.teacher as Record<string, unknown>)[teacher];
    return { teacher, model: teacher === 'replay' ? null : section };
  },
  flags: ['teacher', 'model', 'from', 'maxTokens', 'temperature', 'refresh'],
  partialFlags: ['dryRun'],
  readOnlyFlags: ['dryRun'],
  reportFile: (ctx) => ctx.workspace.stageReportFile(`distill_${ctx.teacher ?? 'replay'}`),
  incomplete: (ctx) => {
    if (!ctx.teacher) return undefined;
    const checkpoint = readCheckpoint(ctx.workspace.checkpointFile(ctx.teacher));
    if (!checkpoint) return 'no checkpoint';
    return checkpoint.unanswered ? `${checkpoint.unanswered} request(s) unanswered` : undefined;
  },
  // `run` never picks a paid teacher: it resolves the teacher before (--teacher, or the one already used).
  pipelineOptions: (ctx) => ({ teacher: teacherName(ctx.teacher ?? 'replay') }),
  async run(context, options) {
    const { runDistill } = await import('./index.js');
    const { withGracefulInterrupt } = await import('../llm/index.js');
    // Ctrl-C stops starting requests; a second one cancels those in flight.
    return withGracefulInterrupt('distill', (signals) => runDistill({ ...options, workspace: context.workspace, config: context.config, quiet: context.quiet, ...signals }));
  },
  summary,
  failure: (result) => {
    if (result.mode === 'dry-run' || result.unanswered === 0) return undefined;
    const why = result.stop_message ? `${result.stop_message}. ` : '';
    const failed = result.failed + result.skipped_failed;
    const retry = failed ? ` (${failed} failed: see errors_${result.teacher}.jsonl; --retry-failed sends them again)` : '';
    return `${why}${result.unanswered} of ${result.requests} requests are still unanswered${retry}; rerun to continue`;
  },
});
