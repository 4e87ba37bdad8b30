// What a stage's outputs were built from: a small JSON per stage under data/manifests/.
// Inputs are fingerprinted by content (sha256), but a file whose size and mtime match the last
// manifest reuses the hash recorded there, so a 1 GB raw-outputs file is hashed once, and a
// stage rerun that rewrites identical bytes does not make everything after it stale.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { isAbsolute, relative } from 'node:path';
import { stableHash, writeJsonAtomic, type Workspace } from '../core/index.js';

export interface FileFingerprint {
  path: string;
  exists: boolean;
  size?: number;
  mtime_ms?: number;
  sha256?: string;
}

export interface StageManifest {
  stage: string;
  status: 'running' | 'done' | 'failed';
  pid: number;
  started_at: string;
  finished_at?: string;
  error?: string;
  /** Hash of the settings the stage ran with (its config section + flags). */
  settings_hash: string;
  settings: unknown;
  inputs: FileFingerprint[];
  outputs: FileFingerprint[];
  /** Shard files merged into the outputs (when the stage ran sharded). */
  merged_from?: FileFingerprint[];
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/**
 * How a manifest names a file: relative to the workspace when inside it (so a workspace moved or
 * copied elsewhere, at any folder depth, is still up to date), absolute when outside it (the
 * package's bundled assets, the Phaser install), never relative to the current folder.
 */
export function manifestPath(workspace: Workspace, path: string): string {
  const rel = relative(workspace.root, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Fingerprint files, reusing hashes from `known` when size and mtime have not moved. */
export async function fingerprint(workspace: Workspace, paths: string[], known: FileFingerprint[] = [], options: { hash?: boolean } = {}): Promise<FileFingerprint[]> {
  const byPath = new Map(known.map((f) => [f.path, f]));
  const out: FileFingerprint[] = [];
  for (const path of paths) {
    const rel = manifestPath(workspace, path);
    if (!existsSync(path)) {
      out.push({ path: rel, exists: false });
      continue;
    }
    const stat = statSync(path);
    const entry: FileFingerprint = { path: rel, exists: true, size: stat.size, mtime_ms: Math.floor(stat.mtimeMs) };
    if (options.hash !== false && stat.isFile()) {
      const previous = byPath.get(rel);
      entry.sha256 = previous?.sha256 && previous.size === entry.size && previous.mtime_ms === entry.mtime_ms ? previous.sha256 : await sha256File(path);
    }
    out.push(entry);
  }
  return out;
}

/** Same content (or, without hashes, same size and mtime). */
export function sameFile(a: FileFingerprint, b: FileFingerprint | undefined): boolean {
  if (!b || a.exists !== b.exists) return false;
  if (!a.exists) return true;
  if (a.sha256 && b.sha256) return a.sha256 === b.sha256;
  return a.size === b.size && a.mtime_ms === b.mtime_ms;
}

export function settingsHash(settings: unknown): string {
  return stableHash(settings ?? null, 16);
}

export function readManifest(workspace: Workspace, stage: string): StageManifest | undefined {
  const file = workspace.stageManifestFile(stage);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StageManifest;
  } catch {
    return undefined; // a manifest is a cache of facts: unreadable means unknown, the stage reruns
  }
}

export function writeManifest(workspace: Workspace, manifest: StageManifest): void {
  writeJsonAtomic(workspace.stageManifestFile(manifest.stage), manifest);
}

/** The teacher distill last ran with (its manifest), else the only one with raw outputs here. */
export function presentTeacher(workspace: Workspace): string | undefined {
  const recorded = (readManifest(workspace, 'distill')?.settings as { flags?: { teacher?: unknown } } | undefined)?.flags?.teacher;
  if (typeof recorded === 'string') return recorded;
  const teachers = workspace.teachersWithRawOutputs();
  return teachers.length === 1 ? teachers[0] : undefined;
}
