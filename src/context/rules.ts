import { homedir } from "node:os";
import { join, relative } from "node:path";
import * as v from "valibot";
import { ancestry } from "../config/extension-dirs.ts";
import { hasFrontmatter, List, parseDocument } from "../config/frontmatter.ts";
import { configDir } from "../config/paths.ts";
import { loadYaml } from "../config/yaml.ts";
import { isDirectory, listOrReport, readOrReport } from "../fs/fs-error.ts";
import { markdownTree } from "../fs/markdown-tree.ts";
import { realPath } from "../permissions/real-path.ts";
import { stripHtmlComments } from "./html-comments.ts";
import type { MemoryFile } from "./memory.ts";

// Rules: `.nanocode/rules/**/*.md` and `.claude/rules/**/*.md`. A rule without `paths:` front
// matter is memory like any other; one with `paths:` globs is loaded the first time the agent
// touches a file that matches, so instructions for (say) migrations cost nothing until then.

export type PathRule = MemoryFile & { root: string; globs: string[] };

const Frontmatter = v.object({ paths: v.optional(List) });

/** Rule folders with the directory their globs are relative to, user-level first. */
function ruleDirs(cwd: string, home: string): { dir: string; root: string }[] {
  const dirs = [join(home, ".claude", "rules"), join(configDir(), "rules")].map((dir) => ({ dir, root: cwd }));
  for (const root of ancestry(cwd)) dirs.push({ dir: join(root, ".claude", "rules"), root }, { dir: join(root, ".nanocode", "rules"), root });
  return dirs;
}

/** The `.md` files under `dir`; a folder that is there but cannot be listed is one line in `problems`. */
function markdownFiles(dir: string, problems: string[]): string[] {
  if (!isDirectory(dir)) return [];
  return listOrReport(dir, () => markdownTree(dir), problems, "its rules are ignored");
}

/** Splits front matter from the body (read as Claude Code reads it); YAML is loaded only when a rule has some. */
async function parseRule(text: string): Promise<{ globs?: string[]; body: string; problems: string[] }> {
  const yaml = hasFrontmatter(text) ? await loadYaml() : undefined;
  const { frontmatter, body, problems } = parseDocument(text, Frontmatter, yaml);
  return { globs: frontmatter.paths, body: stripHtmlComments(body), problems };
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
  // A rule reached by two names (a linked folder of shared rules) is loaded once.
  const seen = new Set<string>();
  for (const { path, root } of chosen.values()) {
    if (seen.has(realPath(path))) continue;
    seen.add(realPath(path));
    if (!canRead(path)) {
      problems.push(`${path}: this rule is ignored: a Read deny rule hides it`);
      continue;
    }
    const text = readOrReport(path, problems, "this rule is ignored");
    if (text === undefined) continue;
    const { globs, body, problems: own } = await parseRule(text);
    problems.push(...own.map((p) => `${path}: ${p}`));
    const scope = root === cwd || !cwd.startsWith(root) ? "a rule" : `a rule of ${root}`;
    if (globs?.length) byPath.push({ path, root, globs, content: body, scope: `${scope}, for files matching ${globs.join(", ")}` });
    else always.push({ path, content: body, scope });
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
