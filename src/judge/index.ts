// The judges (issue 17): a text model reads request + plan + code, a vision model looks at the
// L4 screenshot; each answers a checklist of what the request asks for. Used by `select` and
// `eval score` with the same settings (`select.judge`) and the same cache; every call goes
// through src/llm/.
export { ELEMENT_STATEMENTS, JUDGE_KINDS, judgeChecklist, type JudgeKind } from './checklist.js';
export { TEXT_MAX_CODE_CHARS, TEXT_RUBRIC_VERSION, TEXT_SYSTEM, VERDICT_VALUE, parseTextVerdicts, textInput, textPrompt, textScore, type TextItem, type TextVerdict } from './text.js';
export { VISION_RUBRIC_VERSION, VISION_SYSTEM, parseVisionAnswers, visionInput, visionPrompt } from './vision.js';
export { RUBRIC_VERSION, judgeKey, judgeKinds, judgeScreenshots, runJudges, type JudgeItem, type JudgeOutcome, type JudgeSettings, type JudgeVerdict, type KindOutcome } from './run.js';
export { blendFidelity, blendedFidelity, type FidelityParts } from './blend.js';
export { judgeReport, type JudgeReport } from './report.js';
