#!/usr/bin/env node
// The page harness (src/validate/runtime/page/*.js) is read as text at run time, not compiled:
// copy it beside the compiled runtime in dist/ (run by `npm run build`, after tsc).
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';

const from = new URL('../src/validate/runtime/page/', import.meta.url);
const to = new URL('../dist/validate/runtime/page/', import.meta.url);
mkdirSync(to, { recursive: true });
for (const name of readdirSync(from)) if (name.endsWith('.js')) copyFileSync(new URL(name, from), new URL(name, to));
