// Which folders the user trusts with their repository's configuration (what that lets the
// configuration do is decided in repository-config.ts). Three sources, all the user's own: the
// answers they gave the REPL (stored in the config folder), `trustedFolders` in their own settings
// or --settings, and --trust for one run.

import { realpathSync } from "node:fs";
import { homedir } from "node:os";
import { join, parse } from "node:path";
import * as v from "valibot";
import { atomicWrite } from "../fs/atomic-write.ts";
import { parseConfigJson, readConfigText } from "../fs/fs-error.ts";
import { isInside } from "../fs/paths.ts";
import { configDir } from "./paths.ts";

/** `trustedFolders` in the user's settings: a relative path would mean a different folder in every project. */
export const TrustedFolderList = v.array(v.pipe(v.string(), v.check((path) => path.startsWith("/") || path === "~" || path.startsWith("~/"), "must be an absolute path or start with ~/")));

const StoredFolders = v.object({ folders: v.array(v.string()) });

/** The file the REPL's "trust this folder" answers are kept in. */
export const trustedFoldersFile = (): string => join(configDir(), "trusted-folders.json");

/** A folder as the decision sees it: symlinks resolved, so a link to a project is that project. */
export function realFolder(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Whether trusting `entry` trusts `folder`: the folder itself and every folder inside it. The home
 * folder and the filesystem root cover only themselves: trusting the folder a session happened to
 * start in must not trust every repository ever cloned below it.
 */
export function covers(entry: string, folder: string, home = homedir()): boolean {
  if (entry === folder) return true;
  if (entry === realFolder(home) || entry === parse(entry).root) return false;
  return isInside(entry, folder);
}

/** The folders the user trusted in the REPL. A file that cannot be read trusts nothing, and says why in `problems`. */
export function storedFolders(problems: string[]): string[] {
  const path = trustedFoldersFile();
  const read = readConfigText(path);
  if ("missing" in read) return [];
  if ("problem" in read) {
    problems.push(`${read.problem}; no folder is trusted from it`);
    return [];
  }
  const json = parseConfigJson(read.text, path, "no folder is trusted from it", problems);
  if (json === undefined) return [];
  const parsed = v.safeParse(StoredFolders, json);
  if (parsed.success) return parsed.output.folders;
  problems.push(`${path}: field "${v.getDotPath(parsed.issues[0]) ?? "folders"}": ${parsed.issues[0].message}; no folder is trusted from it`);
  return [];
}

/** Whether one of `entries` (absolute or `~/` paths) trusts `folder`. */
export function listedAsTrusted(entries: readonly string[], folder: string, home = homedir()): boolean {
  const real = realFolder(folder);
  const expand = (entry: string) => (entry === "~" ? home : entry.startsWith("~/") ? join(home, entry.slice(2)) : entry);
  return entries.some((entry) => covers(realFolder(expand(entry)), real, home));
}

/** Remembers that the user trusts `folder` (and the folders in it), written atomically. */
export async function trustFolder(folder: string): Promise<void> {
  const problems: string[] = [];
  const folders = storedFolders(problems);
  // An unreadable file would lose every earlier answer if it were overwritten.
  if (problems.length > 0) throw new Error(problems[0]);
  const real = realFolder(folder);
  if (!folders.includes(real)) await atomicWrite(trustedFoldersFile(), `${JSON.stringify({ folders: [...folders, real] }, null, 2)}\n`);
}
