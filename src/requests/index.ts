// The `requests` folder's library API (the stage itself is ./stage.ts).
export { repairIssues, REPAIR_MAX_ISSUES, REPAIR_MAX_CODE_CHARS } from './repair.js';
