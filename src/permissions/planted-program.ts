// Which file a program name runs. An approved `cat` must be the system's cat: when PATH leads into
// the working directories (a relative entry, or ./node_modules/.bin), a file the agent may write
// there would run instead, and approving the name would approve whatever it holds.

import { accessSync, closeSync, constants, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { realPath } from "./real-path.ts";

// Builtins of bash and zsh: the shell runs its own, whatever PATH holds.
const BUILTINS = new Set(["echo", "printf", "test", "[", "pwd", "true", "false", ":", "type", "command", "cd"]);

function executable(path: string): boolean {
  try {
    return statSync(path).isFile() && (accessSync(path, constants.X_OK), true);
  } catch {
    return false;
  }
}

/** `#!/usr/bin/env node` starts node from PATH too. */
function envInterpreter(path: string): string | undefined {
  const buffer = Buffer.alloc(128);
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const line = buffer.subarray(0, readSync(fd, buffer, 0, 128, 0)).toString("latin1").split("\n")[0]!;
    return /^#!\s*\/usr\/bin\/env\s+(?:-\S+\s+)*([\w.+-]+)/.exec(line)?.[1];
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Why running `name` through PATH may run a file inside the working directories, or undefined. */
export function plantedProgram(name: string, inside: (path: string) => boolean, path = process.env.PATH ?? "", depth = 0): string | undefined {
  // (Windows spells PATH another way, and has no bash of its own for these commands.)
  if (BUILTINS.has(name) || name.includes("/") || process.platform === "win32") return undefined;
  for (const entry of path.split(":")) {
    if (!entry.startsWith("/")) return `PATH holds the relative folder "${entry || "."}", so ${name} could be a file in the working directory`;
    const file = join(entry, name);
    if (!executable(file)) continue;
    if (inside(entry) || inside(realPath(file))) return `${name} would run ${file}, inside the working directories`;
    const interpreter = depth < 2 ? envInterpreter(file) : undefined;
    return interpreter ? plantedProgram(interpreter, inside, path, depth + 1) : undefined;
  }
  return undefined;
}
