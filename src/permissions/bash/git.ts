// git: which subcommands only read, and the options that would make them write or run a program.

import type { ArgsVerdict, PathRead } from "./options.ts";
import type { Word } from "./words.ts";

// Subcommands that print repository content (file text, diffs): they reach every file in the repo.
const SHOWS_CONTENT = new Set(["diff", "log", "show", "blame", "annotate", "grep", "cat-file", "whatchanged", "diff-tree", "diff-index", "diff-files", "stash"]);
// Subcommands that print only names, ids and metadata.
const SHOWS_METADATA = new Set([
  ...["status", "rev-parse", "ls-files", "ls-tree", "describe", "rev-list", "show-ref", "merge-base", "name-rev", "for-each-ref"],
  ...["count-objects", "cherry", "version", "shortlog", "check-ignore", "check-attr", "branch", "tag", "remote", "worktree", "reflog", "symbolic-ref"],
]);

// Options that write a file or run another program. git accepts unambiguous abbreviations of long
// options, so any prefix of these is refused too (`--out=x` is `--output=x`).
const DANGEROUS_LONG = ["--output", "--ext-diff", "--textconv", "--open-files-in-pager", "--exec", "--upload-pack", "--receive-pack", "--run"];
const SAFE_PREFIXES = new Set(["--text"]);

// Options that change what a listing subcommand does into creating, moving or deleting.
const LISTING: Record<string, { modes?: string[]; listFlags: string[]; allowed: RegExp }> = {
  branch: {
    listFlags: ["-l", "--list"],
    allowed: /^(-[arvil]+|--(all|remotes|verbose|list|show-current|ignore-case|color(=.*)?|no-color|column(=.*)?|no-column|abbrev=.*|no-abbrev|omit-empty)|--(contains|no-contains|merged|no-merged|points-at|sort|format)(=.*)?)$/,
  },
  tag: {
    listFlags: ["-l", "--list"],
    allowed: /^(-l|-i|-n\d*|--(list|ignore-case|color(=.*)?|column(=.*)?|no-column|omit-empty)|--(contains|no-contains|merged|no-merged|points-at|sort|format)(=.*)?)$/,
  },
  remote: { modes: ["show", "get-url"], listFlags: [], allowed: /^(-v|--verbose|-n)$/ },
  worktree: { modes: ["list"], listFlags: [], allowed: /^(-v|--verbose|--porcelain|-z|--expire(=.*)?)$/ },
  stash: { modes: ["list", "show"], listFlags: [], allowed: /^-/ },
  reflog: { modes: ["show"], listFlags: [], allowed: /^-/ },
};

// Options of listing subcommands whose next word is their value, not a name to create.
const TAKES_VALUE = new Set(["--contains", "--no-contains", "--merged", "--no-merged", "--points-at", "--sort", "--format"]);

function dangerousOption(text: string, subcommand: string): string | undefined {
  if (text.startsWith("--")) {
    const name = text.split("=")[0]!;
    if (name.length > 2 && !SAFE_PREFIXES.has(name) && DANGEROUS_LONG.some((d) => d.startsWith(name))) return name;
    return undefined;
  }
  // `git grep -O<pager>` opens the matches with a program; other short options only shape output.
  if (subcommand === "grep" && /^-[a-zA-Z]*O/.test(text.replace(/[efmABC].*$/, ""))) return "-O";
  return undefined;
}

function checkListing(subcommand: string, rest: Word[]): string | undefined {
  const rules = LISTING[subcommand]!;
  let operands = rest;
  if (rules.modes) {
    const first = rest.find((w) => !w.value?.startsWith("-"));
    if (first && !rules.modes.includes(first.value ?? "")) return `git ${subcommand} ${first.text} may change the repository`;
    if (first) operands = rest.filter((w) => w !== first);
    if (subcommand === "stash" || subcommand === "reflog") {
      if (!first && subcommand === "stash") return "git stash without list or show stashes changes";
      return undefined;
    }
  }
  let listing = false;
  let names = 0;
  for (let i = 0; i < operands.length; i++) {
    const text = operands[i]!.value;
    if (text === undefined) return `git ${subcommand}: ${operands[i]!.text} is not fixed text`;
    if (text.startsWith("-")) {
      if (!rules.allowed.test(text)) return `git ${subcommand} ${text} may change the repository`;
      if (rules.listFlags.includes(text)) listing = true;
      if (TAKES_VALUE.has(text)) i++;
    } else names++;
  }
  if (names > 0 && !listing && !rules.modes) return `git ${subcommand} with a name creates or changes it`;
  return undefined;
}

/** `git [-C dir] [--no-pager] <subcommand> …`. */
export function checkGit(args: Word[]): ArgsVerdict {
  let i = 0;
  let dir: Word | undefined;
  for (; i < args.length; i++) {
    const text = args[i]!.value;
    if (text === "-C" && i + 1 < args.length) dir = args[++i];
    else if (text === "--no-pager" || text === "-P" || text === "--no-optional-locks" || text === "--literal-pathspecs") continue;
    else break;
  }
  const subcommand = args[i]?.value;
  if (subcommand === undefined) return { ok: false, why: args[i] ? `git option ${args[i]!.text} is not known to be read-only` : "git without a subcommand" };
  if (subcommand === "--version") return { ok: true, parsed: { options: new Map(), operands: [] }, reads: [] };
  const content = SHOWS_CONTENT.has(subcommand);
  if (!content && !SHOWS_METADATA.has(subcommand)) return { ok: false, why: `git ${subcommand} is not a read-only git command` };
  const rest = args.slice(i + 1);
  for (const word of rest) {
    if (word.value === undefined) {
      if (word.mayBeOption) return { ok: false, why: `git ${subcommand}: ${word.text} could expand to an option` };
      continue;
    }
    if (word.value === "--") break;
    const bad = dangerousOption(word.value, subcommand);
    if (bad) return { ok: false, why: `git ${subcommand} ${bad} writes a file or runs a program` };
  }
  if (subcommand in LISTING) {
    const why = checkListing(subcommand, rest);
    if (why) return { ok: false, why };
  }
  if (subcommand === "symbolic-ref" && rest.filter((w) => !w.value?.startsWith("-")).length > 1) return { ok: false, why: "git symbolic-ref with a target changes a ref" };
  // Content commands can print any file of the repository; every operand may name a path too.
  const reads: PathRead[] = content ? [{ word: dir, tree: true, repo: true }] : [];
  for (const word of rest) if (!word.value?.startsWith("-")) reads.push({ word, tree: false, base: dir });
  return { ok: true, parsed: { options: new Map(), operands: [] }, reads };
}
