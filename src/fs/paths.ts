import { homedir } from "node:os";
import { isAbsolute, join, relative, resolve, sep } from "node:path";

/** An absolute path for what the model wrote: `~` expanded, relative paths taken from `cwd`. */
export function resolvePath(cwd: string, path: string): string {
  if (path === "~") return homedir();
  if (path.startsWith("~/")) return join(homedir(), path.slice(2));
  return isAbsolute(path) ? resolve(path) : resolve(cwd, path);
}

/** Is `path` the folder `dir` or inside it (both absolute, normalised)? */
export const isInside = (dir: string, path: string) => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/** `path` relative to `base` when it lies inside it, else unchanged. */
export function displayPath(base: string, path: string): string {
  const rel = relative(base, path);
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}
