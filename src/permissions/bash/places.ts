// Where the shell may be while a command runs. A `cd` that can fail leaves two possibilities (the
// old folder and the new), so relative paths are resolved from every folder the shell may be in.

/** The folders the shell may be in; undefined when one of them cannot be known (`cd $dir`). */
export type Places = string[] | undefined;

/** Where a statement leaves the shell when it succeeds and when it fails (`&&` and `||` pick one). */
export type Outcome = { ok: Places; failed: Places };

export const stay = (places: Places): Outcome => ({ ok: places, failed: places });

export function union(a: Places, b: Places): Places {
  if (a === undefined || b === undefined) return undefined;
  return [...new Set([...a, ...b])];
}

/**
 * `path` from `base`, joined without normalising `..`: the kernel resolves `link/..` from where the
 * link points, not by dropping `link`, and the path guard needs to see it as the kernel does.
 */
export function joinRaw(base: string, path: string): string {
  if (path.startsWith("/")) return path;
  if (path === "" || path === ".") return base;
  return base.endsWith("/") ? base + path : `${base}/${path}`;
}

/** Runs statements joined by list operators (`;`, `&`, `&&`, `||`), following where each leaves the shell. */
export function sequence(start: Places, steps: Array<{ operator?: string; run: (from: Places) => Outcome }>): Outcome {
  let outcome: Outcome | undefined;
  for (const { operator, run } of steps) {
    if (!outcome) {
      outcome = run(start);
      continue;
    }
    const previous: Outcome = outcome;
    if (operator === "&&") {
      const next = run(previous.ok);
      outcome = { ok: next.ok, failed: union(previous.failed, next.failed) };
    } else if (operator === "||") {
      const next = run(previous.failed);
      outcome = { ok: union(previous.ok, next.ok), failed: next.failed };
    } else outcome = run(union(previous.ok, previous.failed));
  }
  return outcome ?? stay(start);
}
