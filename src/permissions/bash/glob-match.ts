// Which names a shell glob picks in a folder, as bash does by default (no dotglob, no extglob):
// used to see what a glob can expand to when the command runs.

import { type Dirent, readdirSync } from "node:fs";

/** One segment of a glob as a regular expression: `*`, `?` and `[…]`; a leading dot must be matched by a dot. */
export function globSegment(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const close = c === "[" ? pattern.indexOf("]", i + 2) : -1;
    if (c === "*") source += ".*";
    else if (c === "?") source += ".";
    else if (close !== -1) {
      source += `[${pattern.slice(i + 1, close).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
      i = close;
    } else source += c.replace(/[.+^${}()|[\\\]]/g, "\\$&");
  }
  return new RegExp(`^${pattern.startsWith(".") ? "" : "(?!\\.)"}${source}$`);
}

/** The entries of `dir` (none when it cannot be read). */
export function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** The entries of `dir` that the glob's first segment picks. */
export function globPicks(dir: string, glob: string): Dirent[] {
  const picks = globSegment(glob.split("/").find(Boolean) ?? "*");
  return entries(dir).filter((entry) => picks.test(entry.name));
}
