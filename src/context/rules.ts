import { readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join, relative } from "node:path";
import * as v from "valibot";
import { ancestry } from "../config/extension-dirs.ts";
import { configDir } from "../config/paths.ts";
import { isDirectory, listOrReport, readOrReport } from "../fs/fs-error.ts";
import type { MemoryFile } from "./memory.ts";

// Rules: `.nanocode/rules/**/*.md` and `.claude/rules/**/*.md`. A rule without `paths:` front
// matter is memory like any other; one with `paths:` globs is loaded the first time the agent
// touches a file that matches, so instructions for (say) migrations cost nothing until then.

export type PathRule = MemoryFile & { root: string; globs: string[] };

const Frontmatter = v.looseObject({ paths: v.optional(v.union([v.string(), v.array(v.string())], "paths must be a glob or a list of globs")) });

/** Rule folders with the directory their globs are relative to, user-level first. */
function ruleDirs(cwd: string, home: string): { dir: string; root: string }[] {
  const dirs = [join(home, ".claude", "rules"), join(configDir(), "rules")].map((dir) => ({ dir, root: cwd }));
  for (const root of ancestry(cwd)) dirs.push({ dir: join(root, ".claude", "rules"), root }, { dir: join(root, ".nanocode", "rules"), root });
  return dirs;
}

/** The `.md` files under `dir`; a folder that is there but cannot be listed is one line in `problems`. */
function markdownFiles(dir: string, problems: string[]): string[] {
  if (!isDirectory(dir)) return [];
  return listOrReport(dir, () => readdirSync(dir, { recursive: true }) as string[], problems, "its rules are ignored")
    .filter((name) => name.endsWith(".md"))
    .sort();
}

/** Splits `---` front matter from the body; YAML is parsed only when a rule has some. */
async function parseRule(text: string): Promise<{ globs?: string[]; body: string }> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return { body: text };
  const { parse } = await import("yaml");
  const parsed = v.parse(Frontmatter, parse(match[1]!) ?? {});
  const paths = parsed.paths;
  const globs = paths === undefined ? undefined : (Array.isArray(paths) ? paths : paths.split(",")).map((g) => g.trim()).filter(Boolean);
  return { globs, body: text.slice(match[0].length) };
}

/** Every rule file: the ones without globs join memory now, the others wait for a matching file. */
/** `canRead`: whether deny rules let the model see a file; a rule file they hide is skipped. */
export async function loadRules(cwd: string, home = homedir(), canRead: (path: string) => boolean = () => true): Promise<{ always: MemoryFile[]; byPath: PathRule[]; problems: string[] }> {
  // Same name in .claude/rules and .nanocode/rules of one directory: the .nanocode one wins.
  const chosen = new Map<string, { path: string; root: string }>();
  const problems: string[] = [];
  for (const { dir, root } of ruleDirs(cwd, home)) {
    for (const name of markdownFiles(dir, problems)) chosen.set(`${dir.replace(/\.(claude|nanocode)\/rules$/, "")}|${name}`, { path: join(dir, name), root });
  }
  const always: MemoryFile[] = [];
  const byPath: PathRule[] = [];
  for (const { path, root } of chosen.values()) {
    if (!canRead(path)) {
      problems.push(`${path}: this rule is ignored: a Read deny rule hides it`);
      continue;
    }
    const text = readOrReport(path, problems, "this rule is ignored");
    if (text === undefined) continue;
    try {
      const { globs, body } = await parseRule(text);
      const scope = root === cwd || !cwd.startsWith(root) ? "a rule" : `a rule of ${root}`;
      if (globs?.length) byPath.push({ path, root, globs, content: body, scope: `${scope}, for files matching ${globs.join(", ")}` });
      else always.push({ path, content: body, scope });
    } catch (error) {
      problems.push(`${path}: front matter not understood (${(error as Error).message.split("\n")[0]}); this rule is ignored`);
    }
  }
  return { always, byPath, problems };
}

type Matcher = (path: string) => boolean;
let picomatch: typeof import("picomatch") | undefined;

/** Anything scoped to files by globs relative to a folder: a rule, a skill with `paths:`. */
export type PathScoped = { root: string; globs: string[] };

/** The rules (or other path-scoped items) whose globs match `file` (absolute). */
export async function matchingRules<T extends PathScoped>(rules: T[], file: string, cache: Map<T, Matcher>): Promise<T[]> {
  if (rules.length === 0) return [];
  picomatch ??= (await import("picomatch")).default;
  return rules.filter((rule) => {
    const rel = relative(rule.root, file);
    if (rel.startsWith("..")) return false;
    let matcher = cache.get(rule);
    if (!matcher) cache.set(rule, (matcher = picomatch!(rule.globs, { dot: true })));
    return matcher(rel);
  });
}
