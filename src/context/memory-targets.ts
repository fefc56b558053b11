import { existsSync } from "node:fs";
import { join } from "node:path";
import { configDir } from "../config/paths.ts";
import { displayPath } from "../fs/paths.ts";

/** The memory files `#` and /memory write to: the project's (NANOCODE.md, or the CLAUDE.md/AGENTS.md it already has) and the user's. */
export function memoryTargets(cwd: string): { label: string; path: string }[] {
  const existing = ["NANOCODE.md", "CLAUDE.md", "AGENTS.md"].map((n) => join(cwd, n)).find((p) => existsSync(p));
  const project = existing ?? join(cwd, "NANOCODE.md");
  const user = join(configDir(), "NANOCODE.md");
  return [
    { label: `Project memory (${displayPath(cwd, project)}): shared with your team`, path: project },
    { label: `User memory (${user.replace(process.env.HOME ?? "\0", "~")}): all your projects`, path: user },
  ];
}
