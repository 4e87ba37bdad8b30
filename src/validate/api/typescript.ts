// The TypeScript compiler, loaded with `require`: importing its 9 MB CommonJS file as an ES
// module makes Node scan all of it for export names first (~0.5 s of CPU in every thread that
// loads it — each validator worker). Types come from `import type ts from 'typescript'`.
import { createRequire } from 'node:module';
import type TypeScript from 'typescript';

export const typescript: typeof TypeScript = createRequire(import.meta.url)('typescript');
