// Repair requests (`requests.repair`, `run --rounds`): the seed's prompt, then its failed code
// and the validator's issues, capped in size, and the ask for a fixed version. The request's
// `repair_of` says which candidate it repairs; what is sent is all in `user` (so in request_id).
import { existsSync, readFileSync } from 'node:fs';
import { InputError, type Workspace } from '../core/index.js';
import type { RepairIssue, RepairOf, Seed, Validated } from '../schemas/index.js';

/** Issues quoted per repair request (errors first). */
export const REPAIR_MAX_ISSUES = 12;
/** Characters of an issue message quoted. */
export const REPAIR_MAX_MESSAGE_CHARS = 300;
/** Characters of failed code quoted; longer code is cut (the cut is said). */
export const REPAIR_MAX_CODE_CHARS = 24_000;

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** The issues of a failed validation a repair request quotes: errors before warnings, capped. */
export function repairIssues(record: Pick<Validated, 'levels'>): RepairIssue[] {
  const all = Object.entries(record.levels).flatMap(([level, result]) =>
    (result?.issues ?? []).filter((issue) => issue.severity !== 'info').map((issue) => ({ level, severity: issue.severity, code: issue.code, message: issue.message.slice(0, REPAIR_MAX_MESSAGE_CHARS), line: issue.line })),
  );
  all.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return all.slice(0, REPAIR_MAX_ISSUES).map(({ level, code, message, line }) => ({ level, code, message, line }));
}

const WORDING = {
  en: {
    intro: 'Your earlier answer to this request failed the checks. Here is its code:',
    cut: (n: number) => `// … (${n} more characters cut)`,
    issues: 'What the checks found:',
    ask: 'Write the whole game again with these problems fixed, in the same format: the [PLAN] block, then one ```javascript block with the complete file.',
  },
  zh: {
    intro: '你之前对这个请求的回答没有通过检查。它的代码如下：',
    cut: (n: number) => `// …（另有 ${n} 个字符被截去）`,
    issues: '检查发现的问题：',
    ask: '请修正这些问题，重新写出完整的游戏，格式不变：先是 [PLAN] 块，然后是一个包含完整文件的 ```javascript 代码块。',
  },
} as const;

/** The user message of a repair request for `seed`, quoting the failed code and its issues. */
export function repairUserMessage(seed: Pick<Seed, 'prompt' | 'lang'>, code: string, issues: RepairIssue[]): string {
  const words = WORDING[seed.lang === 'zh' ? 'zh' : 'en'];
  const shown = code.length > REPAIR_MAX_CODE_CHARS ? `${code.slice(0, REPAIR_MAX_CODE_CHARS)}\n${words.cut(code.length - REPAIR_MAX_CODE_CHARS)}` : code;
  const lines = issues.map((i) => `- ${i.level} ${i.code}${i.line !== null ? ` (line ${i.line})` : ''}: ${i.message}`);
  return [seed.prompt, '', '---', words.intro, '```javascript', shown, '```', words.issues, ...lines, '', words.ask].join('\n');
}

/** The failed code a repair quotes, from `codes/<hash>.js` (exit 2 when it is gone). */
export function repairCode(workspace: Workspace, repair: RepairOf, planFile: string): string {
  const file = workspace.codeFile(repair.code_hash);
  if (!existsSync(file)) throw new InputError({ file: planFile, field: 'repair_of.code_hash' }, `the code of candidate ${repair.candidate_id} is gone (${file}); run parse again or delete the plan`);
  return readFileSync(file, 'utf8');
}
