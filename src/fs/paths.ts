import { homedir } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";

/** An absolute path for what the model wrote: `~` expanded, relative paths taken from `cwd`. */
export function resolvePath(cwd: string, path: string): string {
  if (path === "~") return homedir();
  if (path.startsWith("~/")) return join(homedir(), path.slice(2));
  return isAbsolute(path) ? resolve(path) : resolve(cwd, path);
}

/** `path` relative to `base` when it lies inside it, else unchanged. */
export function displayPath(base: string, path: string): string {
  const rel = relative(base, path);
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}
