// The teacher's system prompt template: found, checked for placeholders, filled in.
import { existsSync, readFileSync } from 'node:fs';
import { InputError, bundledPath, countTokens, logger, sha256, type Config, type Workspace } from '../core/index.js';

/** The placeholder a template must contain: the API reference retrieved for each request. */
export const API_CONTEXT = '{API_CONTEXT}';
/**
 * The optional placeholder for the core toolkit (the same for every request, so it belongs in
 * the static, cached part). A template without it gets the toolkit just before the heading above
 * its `{API_CONTEXT}` (or before `{API_CONTEXT}` itself when no heading precedes it).
 */
export const API_TOOLKIT = '{API_TOOLKIT}';
const PLACEHOLDERS = new Set([API_CONTEXT, API_TOOLKIT]);

/** `{name}` but not a JS template literal's `${name}`; only upper-case names are placeholders (below). */
const PLACEHOLDER = /(?<!\$)\{([A-Za-z][A-Za-z0-9_]*)\}/g;

export interface SystemTemplate {
  file: string;
  text: string;
  /** sha256 of the template text, for the report. */
  sha256: string;
  /** Tokens of the template without the context and the toolkit (for the system-size estimate). */
  tokens: number;
  /** Whether the template places the toolkit itself (`{API_TOOLKIT}`). */
  hasToolkitPlaceholder: boolean;
}

/** The bundled default template (what `init` copies into a workspace). */
export function bundledTemplateFile(): string {
  return bundledPath('prompts', 'teacher_system_prompt.txt');
}

/**
 * The workspace's template (`requests.system_prompt_file`); when that is the default path and
 * missing, the bundled one. A configured file that is missing is an error (exit 2).
 */
export function resolveTemplateFile(workspace: Workspace, config: Config): string {
  const configured = workspace.path(config.requests.system_prompt_file);
  if (existsSync(configured)) return configured;
  if (configured !== workspace.systemPromptFile) throw new InputError({ file: configured, field: 'requests.system_prompt_file' }, 'system prompt template not found');
  logger.info(`no ${config.requests.system_prompt_file} in the workspace; using the bundled template`);
  return bundledTemplateFile();
}

/**
 * Read and check a template: it must contain `{API_CONTEXT}`, may contain `{API_TOOLKIT}`, and no other `{PLACEHOLDER}`.
 * Errors name the file and line (exit 2).
 */
export function loadSystemTemplate(file: string): SystemTemplate {
  if (!existsSync(file)) throw new InputError({ file }, 'system prompt template not found');
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  let found = 0;
  lines.forEach((lineText, index) => {
    for (const match of lineText.matchAll(PLACEHOLDER)) {
      const name = match[1];
      if (PLACEHOLDERS.has(match[0])) {
        if (match[0] === API_CONTEXT) found++;
        continue;
      }
      const ours = PLACEHOLDERS.has(`{${name.toUpperCase()}}`);
      const hint = ours ? ` (did you mean {${name.toUpperCase()}}? placeholders are upper case)` : ` (the placeholders are ${API_CONTEXT} and ${API_TOOLKIT})`;
      // Lower-case braces are common in prose and code; only upper-case names are placeholders, plus near-misses of ours.
      if (name === name.toUpperCase() || ours) {
        throw new InputError({ file, line: index + 1, field: name }, `unknown placeholder {${name}}${hint}`);
      }
    }
  });
  if (!found) throw new InputError({ file }, `the template has no ${API_CONTEXT} placeholder; add it where the Phaser API reference should go`);
  if (found > 1) logger.warn(`${file}: ${API_CONTEXT} appears ${found} times; the API context is inserted at each`);
  const bare = text.split(API_CONTEXT).join('').split(API_TOOLKIT).join('');
  return { file, text, sha256: sha256(text), tokens: countTokens(bare), hasToolkitPlaceholder: text.includes(API_TOOLKIT) };
}

/** A template without `{API_TOOLKIT}`: the toolkit goes before the heading line above the first `{API_CONTEXT}`. */
function withToolkitPlaceholder(text: string): string {
  const at = text.indexOf(API_CONTEXT);
  const before = text.slice(0, at);
  const lines = before.split('\n');
  // The `{API_CONTEXT}` line's own start, then the nearest heading above it (only blank lines between).
  let cut = lines.length - 1;
  while (cut > 0 && lines[cut - 1].trim() === '') cut--;
  if (cut > 0 && /^#{1,6}\s/.test(lines[cut - 1]) && lines[lines.length - 1].trim() === '') cut--;
  const head = lines.slice(0, cut).join('\n');
  const tail = lines.slice(cut).join('\n');
  return `${head}${head ? '\n' : ''}${API_TOOLKIT}\n\n${tail}${text.slice(at)}`;
}

/** The system prompt for one seed: the template with its toolkit (static) and API context inserted. */
export function fillTemplate(template: SystemTemplate, apiContext: string, toolkit = ''): string {
  const text = template.hasToolkitPlaceholder || !toolkit ? template.text : withToolkitPlaceholder(template.text);
  // split/join rather than String.replace, whose replacement string gives `$&` and `$'` a meaning.
  return text.split(API_TOOLKIT).join(toolkit).split(API_CONTEXT).join(apiContext);
}
