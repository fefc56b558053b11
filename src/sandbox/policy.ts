// What a sandboxed command may touch, worked out from the settings, the working directories and
// the permission rules: one policy that the Linux (bwrap) and macOS (Seatbelt) launchers each
// express in their own terms.

import { existsSync, lstatSync } from "node:fs";
import { join } from "node:path";
import type { SandboxSettings } from "../config/sandbox-settings.ts";
import { isInside, resolvePath } from "../fs/paths.ts";
import { GUARDED_FOLDERS, SHELL_FILES } from "../permissions/paths.ts";
import { coveredPaths } from "../permissions/denied-files.ts";
import { realPath } from "../permissions/real-path.ts";
import type { SandboxSurroundings } from "./switch.ts";

export type SandboxPolicy = {
  /** Folders commands may write in (real paths); everything else is read-only. */
  writable: string[];
  /** Paths inside those that stay read-only: files that steer git, shells or nanocode, and denyWrite / Edit deny rules. */
  readOnly: string[];
  /** Paths nothing may read or write: denyRead and Read deny rules. */
  hidden: string[];
  /**
   * Guarded names not there yet. Folders get an empty unreadable folder mounted in their place
   * (the mount point is left empty, and removed after the call); files a command creates are
   * removed after it (nanocode itself never writes them during a session).
   */
  absent: { folders: string[]; files: string[] };
  /** Hosts reachable through the proxy (`*.example.com`, `host:port`); none: no network at all. */
  network: { allowed: string[]; denied: string[] };
};

// Beside the guarded names of the permission engine: what editors and MCP clients run things from.
const GUARDED_FILES = [...SHELL_FILES, ".mcp.json"];
const GUARDED_DIRS = [...[...GUARDED_FOLDERS].filter((name) => name !== ".git"), ".vscode", ".idea"];

/** Paths in a writable folder that stay read-only: writing them would act outside the sandbox later. */
function guardedIn(dir: string): { files: string[]; folders: string[] } {
  const git = join(dir, ".git");
  const gitKind = existsSync(git) ? (lstatSync(git).isDirectory() ? "folder" : "file") : undefined;
  // A .git file points git at another repository; inside a .git folder, hooks and config run
  // programs. Without either, a command may make a repository (git init): git's own checks apply.
  return {
    files: [...GUARDED_FILES.map((name) => join(dir, name)), ...(gitKind === "file" ? [git] : gitKind === "folder" ? [join(git, "config")] : [])],
    folders: [...GUARDED_DIRS.map((name) => join(dir, name)), ...(gitKind === "folder" ? [join(git, "hooks")] : [])],
  };
}

export type PolicyInput = {
  settings: SandboxSettings;
  /** The project and the additional directories. */
  workingDirs: string[];
  projectDir: string;
  /** What Read and Edit deny rules cover on disk now (src/permissions/denied-files.ts). */
  readDenied: string[];
  editDenied: string[];
  /** What the permission rules add (see RuleBook.sandboxGrants): absolute folders, domains. */
  grants?: { writable: string[]; allowedDomains: string[]; deniedDomains: string[] };
  /** Empty folders other running calls mounted as stand-ins (see `absent`): they count as not there. */
  standIns?: { has(path: string): boolean };
};

export function sandboxPolicy(input: PolicyInput): SandboxPolicy {
  const fs = input.settings.filesystem ?? {};
  const resolve = (paths: string[] | undefined) => (paths ?? []).map((p) => resolvePath(input.projectDir, p)).filter((p) => existsSync(p)).map(realPath);
  const grants = input.grants ?? { writable: [], allowedDomains: [], deniedDomains: [] };
  const writable = unique([...input.workingDirs.map(realPath), ...resolve([...(fs.allowWrite ?? []), ...grants.writable])]);
  const allowRead = resolve(fs.allowRead);
  const hidden = unique([...resolve(fs.denyRead), ...input.readDenied.map(realPath)]).filter((p) => !allowRead.some((a) => isInside(a, p)));
  const guarded = writable.map(guardedIn);
  const there = (path: string) => existsSync(path) && !input.standIns?.has(path);
  const present = guarded.flatMap((g) => [...g.files, ...g.folders]).filter(there);
  const readOnly = unique([...present, ...resolve(fs.denyWrite), ...input.editDenied.map(realPath)]).filter((p) => !hidden.some((h) => isInside(h, p)));
  const network = input.settings.network ?? {};
  const absent = { folders: guarded.flatMap((g) => g.folders).filter((p) => !there(p)), files: guarded.flatMap((g) => g.files).filter((p) => !there(p)) };
  return { writable, readOnly, hidden, absent, network: { allowed: [...(network.allowedDomains ?? []), ...grants.allowedDomains], denied: [...(network.deniedDomains ?? []), ...grants.deniedDomains] } };
}

/** Shortest first, so a folder is mounted before what lies inside it. */
const unique = (paths: string[]) => [...new Set(paths)].sort((a, b) => a.length - b.length);

/**
 * The policy for a call starting now: the deny rules' files listed as they are on disk. `complete`
 * is false when a listing stopped early (a covered file may be missing from `hidden`).
 */
export function currentPolicy(settings: SandboxSettings, around: SandboxSurroundings, standIns?: PolicyInput["standIns"]): { policy: SandboxPolicy; complete: boolean } {
  const readDenied = coveredPaths(around.denyPatterns("Read"));
  const editDenied = coveredPaths(around.denyPatterns("Edit"));
  const policy = sandboxPolicy({ settings, workingDirs: around.workingDirs(), projectDir: around.projectDir, readDenied: readDenied.paths, editDenied: editDenied.paths, grants: around.grants?.(), standIns });
  return { policy, complete: readDenied.complete && editDenied.complete };
}
