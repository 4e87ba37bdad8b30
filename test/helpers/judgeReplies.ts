// Replies of a fake judge, for tests and the judge benchmark run against the mock provider:
// read the numbered statements of a judge prompt and answer each as told.
import type { TextVerdict } from '../../src/judge/index.js';

/** The numbered statements of a judge prompt (the "1. …" lines after the code, if any). */
export function judgeStatements(user: string): string[] {
  const tail = user.slice(user.lastIndexOf('```') + 3);
  return [...tail.matchAll(/^\d+\. (.*)$/gm)].map((m) => m[1]!);
}

/** A text judge's JSON reply: `verdict(statement, index)` for each statement of the prompt (default: all "yes"). */
export function textJudgeReply(user: string, verdict: (statement: string, index: number) => TextVerdict = () => 'yes'): string {
  const items = judgeStatements(user).map((statement, i) => ({ n: i + 1, verdict: verdict(statement, i), evidence: 'mock' }));
  return JSON.stringify({ items });
}

/** A vision judge's JSON reply: `answer(statement, index)` for each statement of the prompt (default: all true). */
export function visionJudgeReply(user: string, answer: (statement: string, index: number) => boolean = () => true): string {
  return JSON.stringify({ answers: judgeStatements(user).map((statement, i) => answer(statement, i)) });
}

/** The reply of the judge `user` was written for: vision prompts ask for booleans, text prompts for verdicts. */
export function judgeReply(user: string): string {
  return /answer true or false/.test(user) ? visionJudgeReply(user) : textJudgeReply(user);
}
