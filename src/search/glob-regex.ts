// Glob syntax as git and ripgrep read it, turned into a regular expression over "/"-separated
// relative paths: `*` and `?` stay within one segment, `**` crosses segments, `[...]` is a class,
// `{a,b}` an alternation, `\x` the literal x.

const SPECIAL = /[.+^$()|\\]/;

export function globBody(glob: string): string {
  let out = "";
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "\\" && i + 1 < glob.length) {
      const next = glob[++i]!;
      out += /[\w]/.test(next) ? next : `\\${next}`;
    } else if (c === "*") {
      if (glob[i + 1] === "*") {
        const atStart = i === 0 || glob[i - 1] === "/";
        const atEnd = i + 2 === glob.length || glob[i + 2] === "/";
        i++;
        if (atStart && glob[i + 1] === "/") {
          i++;
          out += "(?:.*/)?";
        } else out += atStart && atEnd ? ".*" : "[^/]*";
      } else out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end === -1) out += "\\[";
      else {
        let set = glob.slice(i + 1, end);
        if (set.startsWith("!")) set = `^${set.slice(1)}`;
        out += `[${set.replaceAll("\\", "\\\\")}]`;
        i = end;
      }
    } else if (c === "{") {
      depth++;
      out += "(?:";
    } else if (c === "}" && depth > 0) {
      depth--;
      out += ")";
    } else if (c === "," && depth > 0) out += "|";
    else out += SPECIAL.test(c) ? `\\${c}` : c;
  }
  return out + ")".repeat(depth);
}

/**
 * A gitignore-style pattern as a regex: a pattern with a "/" is anchored at its base and matched
 * against the relative path; one without matches a name at any depth, so it is matched against
 * the name alone (much faster than searching the path for it).
 */
export function gitignoreRegex(pattern: string): { regex: RegExp; onName: boolean } {
  const onName = !pattern.includes("/");
  return { regex: new RegExp(`^${globBody(pattern.replace(/^\//, ""))}$`), onName };
}
