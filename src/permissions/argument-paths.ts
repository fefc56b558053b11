// Paths a call names where the engine does not know which argument is a path: the input of MCP
// servers' tools and users' own tools (`path`, `paths`, `source`, `destination`, `uri`…: a string
// counts when its key names a path or it looks like one: absolute, `./`, `../`, `~/`, `file:`), and
// every word of a shell command the analysis does not follow. They are held against the Read deny
// rules before the call, as Read's own path is.

import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { resolvePath } from "../fs/paths.ts";
import { analyseCommand, type ShellAnalysis } from "./bash-readonly.ts";
import { shellTextIn } from "./inner-commands.ts";
import type { PathGuard } from "./paths.ts";
import { EDIT_TOOLS, READ_TOOLS } from "./rules.ts";

const PATH_KEY = /path|file|dir|folder|source|src|dest|target|root|uri|location|cwd/i;
const PATH_VALUE = /^(\/|\.\.?(\/|$)|~(\/|$)|file:)/i;
// Any other scheme (`https:`, `s3:`) names something that is not a local file.
const URL_SCHEME = /^[a-z][a-z0-9+.-]+:/i;
const MAX_DEPTH = 8;

function toPaths(value: string, bases: string[]): string[] {
  if (value === "") return [];
  if (/^file:/i.test(value)) {
    try {
      return [fileURLToPath(value)];
    } catch {
      return [];
    }
  }
  if (URL_SCHEME.test(value)) return [];
  return bases.map((base) => resolvePath(base, value));
}

/** Every path the input may name, resolved from each of `bases` (where the tool may take relative paths from). */
export function argumentPaths(input: unknown, bases: string[]): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, pathKey: boolean, depth: number): void => {
    if (typeof value === "string") {
      if (pathKey || PATH_VALUE.test(value)) for (const path of toPaths(value, bases)) found.add(path);
    } else if (depth < MAX_DEPTH && Array.isArray(value)) {
      for (const item of value) visit(item, pathKey, depth + 1);
    } else if (depth < MAX_DEPTH && typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value)) visit(item, PATH_KEY.test(key), depth + 1);
    }
  };
  visit(input, false, 0);
  return [...found];
}

export type Exposure = { path?: string; denied: string } | { path?: string; ask: string };

/** The first of `paths` that is a denied file; else the first that may lead to one (see PathGuard.exposes). */
export function firstExposed(guard: PathGuard, paths: Array<string | undefined>): Exposure | undefined {
  let maybe: Exposure | undefined;
  for (const path of new Set(paths)) {
    const exposed = guard.exposes(path);
    if (exposed && "denied" in exposed) return { path, ...exposed };
    maybe ??= exposed && { path, ...exposed };
  }
  return maybe;
}

/**
 * A denied file a call may show or copy through paths the engine does not otherwise follow: the
 * words of shell commands the analysis does not follow (which a rule may allow: `cp`, `tar`), and
 * path-like arguments of tools other than the file tools (MCP servers' tools). `bases`: where
 * relative paths may start (the shell's folder and the project, where MCP servers run).
 */
export async function callExposure(guard: PathGuard, call: { name: string; input: unknown; shell?: ShellAnalysis; bases: string[] }): Promise<Exposure | undefined> {
  if (call.shell) return firstExposed(guard, await shellTouches(call.shell, call.bases[0]!, 0));
  if (READ_TOOLS.has(call.name) || EDIT_TOOLS.has(call.name)) return undefined;
  return firstExposed(guard, argumentPaths(call.input, [...new Set(call.bases)]));
}

// Programs that add words read from their input to the command they run.
const INPUT_WORDS = new Set(["xargs", "parallel"]);
const MAX_NESTING = 4;

/**
 * What the parts of a command the analysis does not follow may reach: their words, the words
 * xargs reads from its input (unknown), and what shell text they run (`sh -c`, `eval`) reads or
 * names, analysed like the command itself.
 */
async function shellTouches(shell: ShellAnalysis, cwd: string, depth: number): Promise<Array<string | undefined>> {
  const paths: Array<string | undefined> = [];
  for (const part of shell.parts) {
    if (part.readOnly) continue;
    paths.push(...(part.touches ?? []));
    if (part.argv.some((word) => INPUT_WORDS.has(basename(word)))) paths.push(undefined);
    const script = shellTextIn(part.argv);
    if (script === undefined) continue;
    // After a `cd` the text would run elsewhere than `cwd`: then it counts as unknown.
    const inner = depth < MAX_NESTING && !part.dynamic && !shell.changesCwd ? await analyseCommand(script, cwd) : undefined;
    if (!inner?.understood) paths.push(undefined);
    if (inner) paths.push(...inner.reads.map((read) => read.path), ...(await shellTouches(inner, cwd, depth + 1)));
  }
  return paths;
}
