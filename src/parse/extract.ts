// Pull the plan and exactly one game out of a teacher's answer, in the forms teachers really write.
import { answerTooLarge } from '../core/index.js';

/** Why an answer is not the clean `[PLAN]` + one ```javascript block; stable codes for parse_report.json. */
export type ParseErrorCode =
  | 'no_plan'
  | 'no_code'
  | 'several_games'
  | 'several_phaser_games'
  | 'truncated'
  | 'unclosed_fence'
  | 'html_wrapper'
  | 'unfenced_code'
  | 'ts_fence'
  | 'answer_too_large';

export interface ExtractedAnswer {
  plan: string;
  /** The game, normalised (LF line ends, no trailing blank lines, one final newline); '' when none. */
  code: string;
  errors: ParseErrorCode[];
}

interface Block {
  lang: string;
  body: string;
  startLine: number;
  unclosed: boolean;
}

const CODE_LANGS = new Set(['javascript', 'js', 'jsx', 'mjs', 'ecmascript', 'ts', 'typescript', '']);
const HTML_LANGS = new Set(['html', 'htm', 'xhtml']);
const TRUNCATED_STOPS = new Set(['max_tokens', 'length', 'max_output_tokens', 'model_length']);
const CREATES_GAME = /new\s+Phaser\s*\.\s*Game\s*\(/;
const FENCE_OPEN = /^\s*(`{3,}|~{3,})\s*([A-Za-z0-9_+.-]*)/;

/** `[PLAN]`, `**[PLAN]**`, `PLAN:`, `**Plan:**` (text may follow on the same line) or a `## Plan` heading. */
const PLAN_MARKERS = [
  /^\s*\**\s*\[\s*plan\s*\]\s*\**\s*:?\s*(.*)$/i,
  /^\s*#{1,6}\s*\**\s*(?:game\s+)?plan\s*\**\s*:?\s*()$/i,
  /^\s*\**\s*(?:game\s+)?plan\s*\**\s*:\s*\**\s*(.*)$/i,
];
/** Where a plan ends: another bracketed section or a closing tag (`[/PLAN]`), another heading, a `CODE:` line. */
const SECTION_END = /^\s*(?:\**\s*\[\s*\/?[A-Za-z _-]+\]|#{1,6}\s|\**\s*(?:code|game code|implementation)\s*\**\s*:)/i;
/** A closing `[/PLAN]` at the end of a plan's last line (`… done.[/PLAN]`). */
const PLAN_CLOSE_TAIL = /\s*\[\s*\/\s*plan\s*\]\s*\**\s*$/i;

function fencedBlocks(lines: string[]): { blocks: Block[]; outside: string[] } {
  const blocks: Block[] = [];
  const outside: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i]);
    if (!open) {
      outside.push(lines[i]);
      continue;
    }
    const fence = open[1];
    const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j])) body.push(lines[j++]);
    blocks.push({ lang: open[2].toLowerCase(), body: body.join('\n'), startLine: i, unclosed: j >= lines.length });
    outside.push('');
    i = j;
  }
  return { blocks, outside };
}

function findPlan(lines: string[]): string {
  for (let i = 0; i < lines.length; i++) {
    if (FENCE_OPEN.test(lines[i])) continue;
    const match = PLAN_MARKERS.map((re) => re.exec(lines[i])).find(Boolean);
    if (!match) continue;
    const plan = match[1] ? [match[1]] : [];
    for (let j = i + 1; j < lines.length && !FENCE_OPEN.test(lines[j]) && !SECTION_END.test(lines[j]); j++) plan.push(lines[j]);
    const text = plan.join('\n').replace(PLAN_CLOSE_TAIL, '').trim();
    if (text) return text;
  }
  return '';
}

/** Inline `<script>` bodies (no `src`) of an HTML page. */
function inlineScripts(html: string): string[] {
  const scripts: string[] = [];
  const re = /<script\b([^>]*)>([\s\S]*?)(?:<\/script\s*>|$)/gi;
  for (let match = re.exec(html); match; match = re.exec(html)) {
    if (/\bsrc\s*=/i.test(match[1]) || /type\s*=\s*["']?(?:module|importmap|application\/json)/i.test(match[1])) continue;
    if (match[2].trim()) scripts.push(match[2]);
  }
  return scripts;
}

function normalise(code: string): string {
  const trimmed = code.replace(/^\uFEFF/, '').replace(/[ \t]+$/gm, '').replace(/^\s*\n/, '').trimEnd();
  return trimmed ? trimmed + '\n' : '';
}

/** Unfenced code after prose: from the first line that starts like JavaScript. */
function unfencedCode(lines: string[]): string {
  const start = lines.findIndex((line) => /^(?:const|let|var|class|function|\/\/|\/\*|['"]use strict['"]|window\.|new Phaser|import)\b|^\/[/*]/.test(line.trim()));
  return start === -1 ? '' : lines.slice(start).join('\n');
}

/**
 * Extract the plan and one game from an answer. When several code blocks are present the one
 * that creates `Phaser.Game` is kept (the last such one if several do), and the answer is
 * flagged `several_games`. A complete HTML page yields its inline game script (`html_wrapper`).
 */
export function extractAnswer(text: string, stopReason: string | null = null, answerBytes?: number): ExtractedAnswer {
  // Over the cap (core MAX_ANSWER_BYTES) it is not a game answer; nothing of it is parsed or kept.
  if (answerTooLarge(text, answerBytes)) return { plan: '', code: '', errors: ['answer_too_large'] };
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const errors = new Set<ParseErrorCode>();
  const { blocks, outside } = fencedBlocks(lines);
  const plan = findPlan(lines);
  if (!plan) errors.add('no_plan');

  type Option = { code: string; block?: Block; html: boolean };
  const options: Option[] = [];
  for (const block of blocks) {
    if (HTML_LANGS.has(block.lang) || (block.lang === '' && /<html|<!doctype/i.test(block.body))) {
      for (const script of inlineScripts(block.body)) options.push({ code: script, block, html: true });
    } else if (CODE_LANGS.has(block.lang) && (block.lang !== '' || CREATES_GAME.test(block.body) || /Phaser\./.test(block.body))) {
      options.push({ code: block.body, block, html: false });
    }
  }
  if (!options.length) {
    const prose = outside.join('\n');
    if (/<html|<!doctype|<script/i.test(prose)) {
      for (const script of inlineScripts(prose)) options.push({ code: script, html: true });
    } else if (CREATES_GAME.test(prose)) {
      const code = unfencedCode(outside);
      if (code) {
        options.push({ code, html: false });
        errors.add('unfenced_code');
      }
    }
  }

  let chosen: Option | undefined;
  const games = options.filter((o) => CREATES_GAME.test(o.code));
  if (games.length) chosen = games[games.length - 1];
  else chosen = options.reduce<Option | undefined>((best, o) => (!best || o.code.length > best.code.length ? o : best), undefined);
  if (options.length > 1) errors.add('several_games');
  if (games.length > 1) errors.add('several_phaser_games');

  const code = chosen ? normalise(chosen.code) : '';
  if (!code) errors.add('no_code');
  if (chosen?.html) errors.add('html_wrapper');
  if (chosen?.block && (chosen.block.lang === 'ts' || chosen.block.lang === 'typescript')) errors.add('ts_fence');
  if (chosen?.block?.unclosed) errors.add('unclosed_fence');
  if ((stopReason && TRUNCATED_STOPS.has(stopReason)) || chosen?.block?.unclosed) errors.add('truncated');
  return { plan, code, errors: [...errors] };
}
