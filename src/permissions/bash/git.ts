// git: which subcommands only read, and the options that would make them write or run a program.

import { homedir } from "node:os";
import { join } from "node:path";
import type { ArgsVerdict, PathRead } from "./options.ts";
import { joinRaw } from "./places.ts";
import type { Word } from "./words.ts";

// Subcommands that print repository content (file text, diffs): they reach every file in the repo.
const SHOWS_CONTENT = new Set(["diff", "log", "show", "blame", "annotate", "grep", "cat-file", "whatchanged", "diff-tree", "diff-index", "diff-files", "stash"]);
// Subcommands that print only names, ids and metadata.
const SHOWS_METADATA = new Set([
  ...["status", "rev-parse", "ls-files", "ls-tree", "describe", "rev-list", "show-ref", "merge-base", "name-rev", "for-each-ref"],
  ...["count-objects", "cherry", "version", "shortlog", "check-ignore", "check-attr", "branch", "tag", "remote", "worktree", "reflog", "symbolic-ref", "config"],
]);

// Options that write a file or run another program. git accepts unambiguous abbreviations of long
// options, so any prefix of these is refused too (`--out=x` is `--output=x`).
// `--filters` runs the clean and smudge filters .gitattributes picks.
const DANGEROUS_LONG = ["--output", "--ext-diff", "--textconv", "--filters", "--open-files-in-pager", "--exec", "--upload-pack", "--receive-pack", "--run"];
const SAFE_PREFIXES = new Set(["--text"]);

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

// branch and tag list, unless given a name without a listing flag (then they create it).
const LISTING: Record<string, { listFlags: string[]; allowed: RegExp }> = {
  branch: {
    listFlags: ["-l", "--list"],
    allowed: /^(-[arvil]+|--(all|remotes|verbose|list|show-current|ignore-case|color(=.*)?|no-color|column(=.*)?|no-column|abbrev=.*|no-abbrev|omit-empty)|--(contains|no-contains|merged|no-merged|points-at|sort|format)(=.*)?)$/,
  },
  tag: {
    listFlags: ["-l", "--list"],
    allowed: /^(-l|-i|-n\d*|--(list|ignore-case|color(=.*)?|column(=.*)?|no-column|omit-empty)|--(contains|no-contains|merged|no-merged|points-at|sort|format)(=.*)?)$/,
  },
};

// Options of listing subcommands whose next word is their value, not a name to create.
const TAKES_VALUE = new Set(["--contains", "--no-contains", "--merged", "--no-merged", "--points-at", "--sort", "--format"]);

function listingWhy(subcommand: string, rest: Word[]): string | undefined {
  const rules = LISTING[subcommand]!;
  let listing = false;
  let names = 0;
  for (let i = 0; i < rest.length; i++) {
    const text = rest[i]!.value;
    if (text === undefined) return `git ${subcommand}: ${rest[i]!.text} is not fixed text`;
    if (text.startsWith("-")) {
      if (!rules.allowed.test(text)) return `git ${subcommand} ${text} may change the repository`;
      if (rules.listFlags.includes(text)) listing = true;
      if (TAKES_VALUE.has(text)) i++;
    } else names++;
  }
  return names > 0 && !listing ? `git ${subcommand} with a name creates or changes it` : undefined;
}

const isOption = (w: Word | undefined) => w?.value?.startsWith("-") === true;
const CONFIG_READS = /^(--get|--get-all|--get-regexp|--list|-l)$/;
const CONFIG_SHAPES = /^(--(global|system|local|worktree|show-origin|show-scope|null|name-only|includes|no-includes|bool|int|bool-or-int|path|expiry-date)|-z|--(type|default)=.*)$/;

/**
 * Subcommands whose first word picks what they do (`git stash list` lists, `git stash -m x` stashes):
 * why the words do not name a read-only mode, or undefined.
 */
const MODES: Record<string, (rest: Word[]) => string | undefined> = {
  stash: (rest) => (["list", "show"].includes(rest[0]?.value ?? "") ? undefined : "git stash without list or show first stashes changes"),
  reflog: (rest) => (!rest[0] || isOption(rest[0]) || ["show", "exists"].includes(rest[0].value ?? "") ? undefined : `git reflog ${rest[0].text} may change the reflog`),
  remote: (rest) => {
    const words = rest.filter((w) => w.value !== "-v" && w.value !== "--verbose");
    const mode = words[0]?.value;
    if (mode === undefined) return words.length === 0 ? undefined : "git remote: a word that is not fixed text";
    if (mode === "get-url") return words.slice(1).every((w) => !isOption(w) || /^--(push|all)$/.test(w.value!)) ? undefined : "git remote get-url: unknown option";
    // Without -n, `show` asks the remote over the network.
    if (mode === "show") return words.some((w) => w.value === "-n") && words.slice(1).every((w) => !isOption(w) || w.value === "-n") ? undefined : "git remote show without -n contacts the remote";
    return `git remote ${mode} may change the remotes`;
  },
  worktree: (rest) => (rest[0]?.value === "list" && rest.slice(1).every((w) => /^(-v|--verbose|--porcelain|-z|--expire(=.*)?)$/.test(w.value ?? "")) ? undefined : "only git worktree list is read-only"),
  "symbolic-ref": (rest) => {
    if (rest.some((w) => isOption(w) && !/^(-q|--quiet|--short|--no-recurse|--recurse)$/.test(w.value!))) return "git symbolic-ref with these options changes a ref";
    return rest.filter((w) => !isOption(w)).length > 1 ? "git symbolic-ref with a target changes a ref" : undefined;
  },
  config: (rest) => {
    const names = rest.filter((w) => !isOption(w));
    const modeWord = ["get", "list"].includes(names[0]?.value ?? "") && !isOption(rest[0]);
    // `git config name` reads it; `git config name value` sets it.
    const oneName = names.length === 1 && !modeWord;
    if (!modeWord && !oneName && !rest.some((w) => CONFIG_READS.test(w.value ?? ""))) return "git config without --get or --list may change the configuration";
    if (rest.some((w) => isOption(w) && !CONFIG_READS.test(w.value!) && !CONFIG_SHAPES.test(w.value!))) return "git config: an option not known to only read";
    return names.length > (modeWord ? 3 : 2) || names.some((w) => w.value === undefined) ? "git config: too many words to only read" : undefined;
  },
};

// `git config --global` and `--system` read the user's and the machine's configuration, not the project's.
const CONFIG_SCOPES: Record<string, () => string> = { "--global": () => join(homedir(), ".gitconfig"), "--system": () => "/etc/gitconfig" };

function configScopeReads(rest: Word[]): PathRead[] {
  return rest.flatMap((w) => (w.value && Object.hasOwn(CONFIG_SCOPES, w.value) ? [{ word: { value: CONFIG_SCOPES[w.value]!(), mayBeOption: false, text: w.text }, tree: false }] : []));
}

/** `git [-C dir] [--no-pager] <subcommand> …`. */
export function checkGit(args: Word[]): ArgsVerdict {
  let i = 0;
  let dir: Word | undefined;
  for (; i < args.length; i++) {
    const text = args[i]!.value;
    if (text === "-C" && i + 1 < args.length) {
      const next = args[++i]!;
      if (next.value === undefined) return { ok: false, why: `git -C ${next.text}: the folder is not fixed text` };
      // Each -C goes on from the one before (`-C a -C b` is a/b); an empty one stays put.
      const value = dir?.value ? joinRaw(dir.value, next.value) : next.value;
      dir = { ...next, value, text: value };
    } else if (text === "--no-pager" || text === "-P" || text === "--no-optional-locks" || text === "--literal-pathspecs") continue;
    else break;
  }
  const subcommand = args[i]?.value;
  if (subcommand === undefined) return { ok: false, why: args[i] ? `git option ${args[i]!.text} is not known to be read-only` : "git without a subcommand" };
  if (subcommand === "--version") return { ok: true, reads: [] };
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
  const why = subcommand in LISTING ? listingWhy(subcommand, rest) : MODES[subcommand]?.(rest);
  if (why) return { ok: false, why };
  // Content commands can print any file of the repository; every operand may name a path too.
  const reads: PathRead[] = [{ word: dir, tree: content, git: true, ...(content ? { repo: true } : {}) }];
  for (const word of rest) if (!word.value?.startsWith("-")) reads.push({ word, tree: false, base: dir });
  if (subcommand === "config") reads.push(...configScopeReads(rest));
  // These search files the repository does not hold (untracked, ignored ones such as .env): a walk.
  if (subcommand === "grep" && rest.some((w) => /^--(no-index|untracked|no-exclude-standard)$/.test(w.value ?? ""))) reads.push({ word: dir, tree: true });
  // Commits and tags may be checked with gpg, which git starts through PATH.
  return { ok: true, reads, ...(content ? { runs: ["gpg"] } : {}) };
}
