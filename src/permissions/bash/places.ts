// Where the shell may be while a command runs. A `cd` that can fail leaves two possibilities (the
// old folder and the new), so relative paths are resolved from every folder the shell may be in.

import { homedir } from "node:os";
import { resolve } from "node:path";
import { realPath } from "../real-path.ts";
import type { Word } from "./words.ts";

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

/** Where `cd args` leaves the shell from `from`; undefined when it has more than one operand. */
export function changeDirectory(args: Word[], from: Places): Outcome | undefined {
  let i = 0;
  let physical = false;
  for (; i < args.length && args[i]!.value?.startsWith("-") && args[i]!.value !== "-"; i++) {
    const option = args[i]!.value!;
    if (option === "--") {
      i++;
      break;
    }
    // `-P` resolves links, `-L` does not; other options (`-e`, `-@`, zsh's `-q`, `-2`) go
    // somewhere we do not follow.
    if (!/^-[LP]+$/.test(option)) return { ok: undefined, failed: from };
    physical = option.endsWith("P");
  }
  const operands = args.slice(i);
  if (operands.length > 1) return undefined;
  const target = operands[0]?.value;
  if (operands.length === 0) return { ok: [homedir()], failed: from };
  if (target === undefined || target === "-" || operands[0]!.multi || from === undefined) return { ok: undefined, failed: from };
  // With CDPATH set, `cd name` may go to any of its folders holding name.
  const cdpath = /^\.{0,2}\//.test(target) ? [] : (process.env.CDPATH ?? "").split(":").filter(Boolean);
  const targets = [...from, ...cdpath.map((dir) => (dir.startsWith("/") ? [dir] : from.map((base) => joinRaw(base, dir)))).flat()].map((base) => joinRaw(base, target));
  // cd is logical unless -P: `cd link/..` goes back to where it started, not to the link's parent.
  return { ok: [...new Set(targets.map((p) => (physical ? realPath(p) : resolve(p))))], failed: from };
}
