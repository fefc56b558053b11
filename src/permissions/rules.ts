// Permission rules in Claude Code's syntax: `Tool`, `Tool(specifier)`, `mcp__server`,
// `mcp__server__tool`. What a specifier means depends on the tool: a command pattern for Bash, a
// path glob for the file tools, `domain:host` for WebFetch.

import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import picomatch from "picomatch";

export type RuleBehavior = "allow" | "ask" | "deny";

export type Rule = {
  behavior: RuleBehavior;
  /** The rule as written, for messages. */
  text: string;
  tool: string;
  specifier?: string;
  /** Where it came from: a settings file or a command-line flag. */
  source: string;
  /** The folder `/path` specifiers are relative to (the settings file's root); default: the working directory. */
  root?: string;
};

export { parseRuleText as parseRule } from "../config/rule-syntax.ts";

/** Tools whose rules are written with another tool's name: `Edit(...)` covers every file writer, `Read(...)` every reader. */
export const EDIT_TOOLS = new Set(["Edit", "Write", "MultiEdit", "NotebookEdit"]);
export const READ_TOOLS = new Set(["Read", "Grep", "Glob", "LS", "NotebookRead"]);

/** A tool input's fields (none when the model sent something that is not an object). */
export const fieldsOf = (input: unknown) => (typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {});

/** Does the rule's tool name cover this tool at all (ignoring the specifier)? */
export function ruleCoversTool(ruleTool: string, toolName: string): boolean {
  if (ruleTool === toolName) return true;
  // Task is the Agent tool's earlier name, still used in rules.
  if (ruleTool === "Task" && toolName === "Agent") return true;
  if (ruleTool === "Edit" && EDIT_TOOLS.has(toolName)) return true;
  if (ruleTool === "Read" && READ_TOOLS.has(toolName)) return true;
  // `mcp__server` covers every tool of that server.
  return ruleTool.startsWith("mcp__") && !ruleTool.slice(5).includes("__") && toolName.startsWith(`${ruleTool}__`);
}

/**
 * What a specifier of another tool is matched against: `Agent(Explore)` names the sub-agent type,
 * `Skill(deploy)` the skill; other tools, their first text field.
 */
export function ruleSubject(toolName: string, input: unknown): string | undefined {
  const fields = fieldsOf(input);
  if (toolName === "Agent") return typeof fields.subagent_type === "string" ? fields.subagent_type : "general-purpose";
  if (toolName === "Skill" && typeof fields.skill === "string") return fields.skill;
  const first = Object.values(fields).find((v) => typeof v === "string");
  return typeof first === "string" ? first : undefined;
}

const escapeRegExp = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");

/**
 * A Bash specifier against one simple command. `npm test:*` is a prefix (the command itself or
 * followed by arguments); `*` elsewhere matches any text; anything else must match exactly.
 */
export function matchesCommand(specifier: string, command: string): boolean {
  const text = command.trim();
  if (specifier.endsWith(":*")) {
    const prefix = specifier.slice(0, -2).trim();
    return text === prefix || text.startsWith(`${prefix} `);
  }
  if (!specifier.includes("*")) return text === specifier.trim();
  // A trailing ` *` also matches the bare command: `ls *` covers `ls`.
  let pattern = specifier.trim().split("*").map(escapeRegExp).join(".*");
  if (pattern.endsWith(" .*")) pattern = `${pattern.slice(0, -3)}(?: .*)?`;
  return new RegExp(`^${pattern}$`, "s").test(text);
}

/**
 * A path specifier as an absolute glob, gitignore style, anchored as Claude Code documents: `//x`
 * is absolute, `~/x` is in the home folder, `/x` is relative to the rule's root (the folder of the
 * settings file it came from; the project for the project's files), `./x` and `x` to the working
 * directory; a pattern without a slash (`*.env`) matches at any depth.
 */
export function absolutePattern(specifier: string, roots: { cwd: string; root: string; home?: string }): string {
  const home = roots.home ?? homedir();
  if (specifier.startsWith("//")) return resolveGlob("/", specifier.slice(2));
  if (specifier === "~" || specifier.startsWith("~/")) return resolveGlob(home, specifier.slice(2));
  if (specifier.startsWith("/")) return resolveGlob(roots.root, specifier.slice(1));
  const anchored = specifier.startsWith("./");
  const relative = anchored ? specifier.slice(2) : specifier;
  const bare = !anchored && !relative.replace(/\/$/, "").includes("/");
  return resolveGlob(roots.cwd, bare ? `**/${relative}` : relative);
}

function resolveGlob(base: string, rest: string): string {
  const trimmed = rest.replace(/\/+$/, "");
  if (trimmed === "" || trimmed === ".") return base;
  // Normalise `..` and `.` in the literal part only; the glob part is kept as written.
  const firstGlob = trimmed.search(/[*?[{]/);
  if (firstGlob === -1) return resolve(base, trimmed);
  const cut = trimmed.lastIndexOf("/", firstGlob);
  const literal = cut === -1 ? "" : trimmed.slice(0, cut);
  const glob = cut === -1 ? trimmed : trimmed.slice(cut + 1);
  const dir = literal === "" ? base : isAbsolute(literal) ? literal : resolve(base, literal);
  return dir === "/" ? `/${glob}` : `${dir}/${glob}`;
}

const matchers = new Map<string, (path: string) => boolean>();
// macOS and Windows file systems ignore case by default: a deny rule on `secrets/` covers `SECRETS/` there.
const IGNORE_CASE = process.platform === "darwin" || process.platform === "win32";

/** Does the absolute glob match exactly this absolute path? */
export function matchesExactly(pattern: string, path: string): boolean {
  let matcher = matchers.get(pattern);
  if (!matcher) {
    matcher = picomatch(pattern, { dot: true, nocase: IGNORE_CASE });
    matchers.set(pattern, matcher);
  }
  return matcher(path);
}

/** Does the absolute glob match this absolute path or a folder above it (a denied folder covers its contents)? */
export function matchesPath(pattern: string, path: string): boolean {
  const matcher = (p: string) => matchesExactly(pattern, p);
  for (let p = path; ; p = join(p, "..")) {
    if (matcher(p)) return true;
    if (p === "/") return false;
  }
}

/** The literal folder a pattern starts with: nothing matching it can lie outside this folder. */
export function patternBase(pattern: string): string {
  const firstGlob = pattern.search(/[*?[{]/);
  if (firstGlob === -1) return pattern;
  const cut = pattern.lastIndexOf("/", firstGlob);
  return cut <= 0 ? "/" : pattern.slice(0, cut);
}

/** Could something matching `pattern` lie inside the folder `dir` (or be `dir` itself, or contain it)? */
export function patternReaches(pattern: string, path: string): boolean {
  if (matchesPath(pattern, path)) return true;
  const fold = (s: string) => (IGNORE_CASE ? s.toLowerCase() : s);
  const base = fold(patternBase(pattern));
  const dir = fold(path);
  return base === dir || base.startsWith(`${dir === "/" ? "" : dir}/`) || dir.startsWith(`${base === "/" ? "" : base}/`);
}

/** `WebFetch(domain:example.com)` against a URL; a leading `*.` matches subdomains. */
export function matchesDomain(specifier: string, url: unknown): boolean {
  if (!specifier.startsWith("domain:") || typeof url !== "string") return false;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  const domain = specifier.slice(7).trim().toLowerCase();
  if (domain.startsWith("*.")) return host.endsWith(domain.slice(1));
  return host === domain;
}
