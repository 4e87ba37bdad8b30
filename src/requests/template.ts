// The teacher's system prompt template: found, checked for placeholders, filled in.
import { existsSync, readFileSync } from 'node:fs';
import { InputError, bundledPath, countTokens, logger, sha256, type Config, type Workspace } from '../core/index.js';

/** The one placeholder a template may (and must) contain. */
export const API_CONTEXT = '{API_CONTEXT}';

/** `{name}` but not a JS template literal's `${name}`; only upper-case names are placeholders (below). */
const PLACEHOLDER = /(?<!\$)\{([A-Za-z][A-Za-z0-9_]*)\}/g;

export interface SystemTemplate {
  file: string;
  text: string;
  /** sha256 of the template text, for the report. */
  sha256: string;
  /** Tokens of the template without the context (for the system-size estimate). */
  tokens: number;
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
 * Read and check a template: it must contain `{API_CONTEXT}` and no other `{PLACEHOLDER}`.
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
      if (match[0] === API_CONTEXT) {
        found++;
        continue;
      }
      const hint = name.toUpperCase() === 'API_CONTEXT' ? ` (did you mean ${API_CONTEXT}? placeholders are upper case)` : ` (the only placeholder is ${API_CONTEXT})`;
      // Lower-case braces are common in prose and code; only upper-case names are placeholders, plus near-misses of ours.
      if (name === name.toUpperCase() || name.toUpperCase() === 'API_CONTEXT') {
        throw new InputError({ file, line: index + 1, field: name }, `unknown placeholder {${name}}${hint}`);
      }
    }
  });
  if (!found) throw new InputError({ file }, `the template has no ${API_CONTEXT} placeholder; add it where the Phaser API reference should go`);
  if (found > 1) logger.warn(`${file}: ${API_CONTEXT} appears ${found} times; the API context is inserted at each`);
  return { file, text, sha256: sha256(text), tokens: countTokens(text.split(API_CONTEXT).join('')) };
}

/** The system prompt for one seed: the template with its API context inserted. */
export function fillTemplate(template: SystemTemplate, apiContext: string): string {
  // split/join rather than String.replace, whose replacement string gives `$&` and `$'` a meaning.
  return template.text.split(API_CONTEXT).join(apiContext);
}
