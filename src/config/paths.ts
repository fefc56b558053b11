import { homedir } from "node:os";
import { join } from "node:path";

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

/** The folder of one session's side files (large tool outputs, sub-agent transcripts). */
export function sessionDir(cwd: string, sessionId: string): string {
  return join(projectDir(cwd), sessionId);
}
