import { accessSync, constants, existsSync, statSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Where nanocode keeps its own files: `NANOCODE_CONFIG_DIR`, else `~/.nanocode`. */
export function configDir(): string {
  return process.env.NANOCODE_CONFIG_DIR || join(homedir(), ".nanocode");
}

/** A folder name for a working directory, as Claude Code does: every non-alphanumeric becomes `-`. */
export function cwdSlug(cwd: string): string {
  return cwd.replace(/[^A-Za-z0-9]/g, "-");
}

export function projectDir(cwd: string): string {
  return join(configDir(), "projects", cwdSlug(cwd));
}

/**
 * The folder of one session's side files (large tool outputs, sub-agent transcripts, file
 * history). When the config folder cannot be written (a file in its place, no permission), a
 * folder under the system's temp dir instead: the session is then not saved, but Bash, Edit and
 * Write, which keep files there, still work.
 */
export function sessionDir(cwd: string, sessionId: string): string {
  if (canCreate(configDir())) return join(projectDir(cwd), sessionId);
  return join(tmpdir(), `nanocode-${process.getuid?.() ?? "user"}`, cwdSlug(cwd), sessionId);
}

/** Whether `dir` is a writable folder, or could be made one (its nearest existing ancestor is). */
function canCreate(dir: string): boolean {
  try {
    let at = dir;
    while (!existsSync(at)) at = dirname(at);
    if (!statSync(at).isDirectory()) return false;
    accessSync(at, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
