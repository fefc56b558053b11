import { basename } from "node:path";
import type { MemoryFile } from "../context/memory.ts";
import { userMemoryPaths } from "../context/memory.ts";
import type { Hooks } from "./hooks.ts";

/** Claude Code's `memory_type` of a memory file: the user's own, a private one of the project, or the project's. */
function memoryType(file: MemoryFile, userFiles: string[]): "User" | "Local" | "Project" {
  const root = file.importedBy ?? file.path;
  if (userFiles.includes(root) || userFiles.includes(file.path)) return "User";
  return basename(root).includes(".local.") ? "Local" : "Project";
}

/** InstructionsLoaded: one run per memory or rule file the session starts with (an @import's reason is "include"). */
export async function instructionsLoaded(hooks: Hooks, files: readonly MemoryFile[]): Promise<void> {
  const userFiles = userMemoryPaths();
  await Promise.all(
    files.map((file) =>
      hooks.run("InstructionsLoaded", { file_path: file.path, memory_type: memoryType(file, userFiles), load_reason: file.importedBy ? "include" : "session_start", ...(file.importedBy ? { parent_file_path: file.importedBy } : {}) }),
    ),
  );
}
