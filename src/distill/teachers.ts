// The teacher names, kept apart from the runner so the CLI can list them without loading the SDKs.
export const TEACHERS = ['claude', 'openai', 'replay'] as const;
export type TeacherName = (typeof TEACHERS)[number];
