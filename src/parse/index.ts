// Parsing teacher answers as a library: the [PLAN] + code extractor, and the `parse` stage's run.
export { extractAnswer, type ExtractedAnswer, type ParseErrorCode } from './extract.js';
export { runParse, teachersToParse, type ParseOptions, type ParseResult } from './parse.js';
