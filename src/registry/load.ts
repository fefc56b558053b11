import builtinCommands from "builtin:commands";
import builtinTools from "builtin:tools";
import { homedir } from "node:os";
import { isAbsolute, join, relative } from "node:path";
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

export type RegistryOptions = { cwd: string; home?: string };

/** Folders users drop tool and command modules into, user-level first. */
export function userModuleDirs({ cwd, home = homedir() }: RegistryOptions, kind: "tools" | "commands"): string[] {
  return [join(home, ".nanocode", kind), join(cwd, ".nanocode", kind)];
}

/**
 * Builds the registry: built-in tools and commands first (bundled into the binary), then users'
 * modules. A module that fails to load or define a valid tool is reported in one line and skipped.
 */
export async function loadRegistry(options: RegistryOptions): Promise<RegistryLoad> {
  const registry = new Registry();
  const problems: string[] = [];
  const show = (file: string) => {
    const rel = isAbsolute(file) ? relative(options.cwd, file) : file;
    return rel.startsWith("..") ? file : rel;
  };

  const addAll = (file: string, module: Record<string, unknown>, source: Source) => {
    const items = itemsOf(module);
    if (items.length === 0) problems.push(`${show(file)}: exports no tool or command (wrap it in defineTool({...}) from "nanocode" and export it)`);
    for (const item of items) {
      const why = registry.add(item, source);
      if (why) problems.push(`${show(file)}: ${item.kind} ${JSON.stringify((item as { name?: unknown }).name ?? "?")} skipped: ${why}`);
    }
  };

  for (const { file, module } of [...builtinTools, ...builtinCommands]) addAll(file, module, "builtin");

  const user = await importUserModules([...userModuleDirs(options, "tools"), ...userModuleDirs(options, "commands")]);
  for (const loaded of user) {
    if ("error" in loaded) problems.push(`${show(loaded.file)}: failed to load: ${loaded.error}`);
    else addAll(loaded.file, loaded.module, loaded.file);
  }
  return { registry, problems };
}
