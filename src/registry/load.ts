import builtinCommands from "builtin:commands";
import builtinTools from "builtin:tools";
import { homedir } from "node:os";
import { extensionDirs } from "../config/extension-dirs.ts";
import { displayPath } from "../fs/paths.ts";
import type { Command, Tool } from "./define.ts";
import { Registry, type Source } from "./registry.ts";
import { importUserModules } from "./user-modules.ts";

const isItem = (x: unknown): x is Tool | Command =>
  typeof x === "object" && x !== null && ((x as Tool).kind === "tool" || (x as Command).kind === "command");

/** Every tool or command a module exports: its default export, named exports, or arrays of them. */
export function itemsOf(module: Record<string, unknown>): (Tool | Command)[] {
  const found = new Set<Tool | Command>();
  for (const value of Object.values(module)) {
    for (const x of Array.isArray(value) ? value : [value]) if (isItem(x)) found.add(x);
  }
  return [...found];
}

export type RegistryLoad = { registry: Registry; problems: string[] };

/** `trusted`: whether the project's own modules may load (src/cli/trust.ts decides); the user's always do. */
export type RegistryOptions = { cwd: string; home?: string; trusted: boolean };

/** How a user's file is named in messages and listings: relative to cwd inside it, `~/…` in HOME. */
export function showPath(file: string, { cwd, home = homedir() }: Pick<RegistryOptions, "cwd" | "home">): string {
  const inCwd = displayPath(cwd, file);
  if (inCwd !== file) return inCwd;
  const inHome = displayPath(home, file);
  return inHome === file ? file : `~/${inHome}`;
}

/**
 * Builds the registry: built-in tools and commands first (bundled into the binary), then users'
 * modules (see extensionDirs for where they are found). A module that fails to load or define a
 * valid tool is reported in one line and skipped.
 */
export async function loadRegistry(options: RegistryOptions): Promise<RegistryLoad> {
  const registry = new Registry();
  const problems: string[] = [];

  const addAll = (shown: string, module: Record<string, unknown>, source: Source) => {
    const items = itemsOf(module);
    if (items.length === 0) problems.push(`${shown}: exports no tool or command (wrap it in defineTool({...}) from "nanocode" and export it)`);
    for (const item of items) {
      const why = registry.add(item, source);
      if (why) problems.push(`${shown}: ${item.kind} ${JSON.stringify((item as { name?: unknown }).name ?? "?")} skipped: ${why}`);
    }
  };

  for (const { file, module } of [...builtinTools, ...builtinCommands]) addAll(file, module, "builtin");

  const dirs = [...extensionDirs("tools", options.cwd, options.home), ...extensionDirs("commands", options.cwd, options.home)];
  const allowed = dirs.filter((d) => options.trusted || d.scope === "user");
  for (const loaded of await importUserModules(allowed.map((d) => d.dir))) {
    const source = showPath(loaded.file, options);
    if ("error" in loaded) problems.push(`${source}: ${loaded.error}`);
    else addAll(source, loaded.module, source);
  }
  return { registry, problems };
}
