import { plugin } from "bun";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fsCause } from "../fs/fs-error.ts";
import * as api from "./api.ts";

let registered = false;

/**
 * Makes `import { defineTool, v } from "nanocode"` work in users' modules. Inside the compiled
 * binary no node_modules exist, so the module is served from memory: the very objects the
 * built-in tools use.
 */
function registerApiModule(): void {
  if (registered) return;
  registered = true;
  plugin({
    name: "nanocode-api",
    setup(build) {
      build.module("nanocode", () => ({ exports: { ...api }, loader: "object" }));
    },
  });
}

/** The files of a tools or commands folder that are modules. */
export const MODULE_FILES = "*.{ts,js,mjs}";

export type LoadedModule = { file: string; module: Record<string, unknown> } | { file: string; error: string };

/** Imports every `.ts`/`.js` module in `dirs` (missing dirs are skipped), in a stable order. */
export async function importUserModules(dirs: string[]): Promise<LoadedModule[]> {
  const files: string[] = [];
  const unlisted: LoadedModule[] = [];
  for (const dir of dirs.filter((d) => existsSync(d))) {
    try {
      files.push(...[...new Bun.Glob(MODULE_FILES).scanSync(dir)].sort().map((f) => join(dir, f)));
    } catch (error) {
      unlisted.push({ file: dir, error: `${fsCause(error) ?? (error as Error).message}; its modules are skipped` });
    }
  }
  if (files.length === 0) return unlisted;
  registerApiModule();
  const loaded = await Promise.all(
    files.map(async (file): Promise<LoadedModule> => {
      try {
        return { file, module: (await import(file)) as Record<string, unknown> };
      } catch (error) {
        return { file, error: loadErrorText(error, file) };
      }
    }),
  );
  return [...unlisted, ...loaded];
}

type BuildPosition = { line: number; column: number };

/** One line saying what went wrong and how to fix it; Bun's BuildMessage and ResolveMessage are not Errors. */
export function loadErrorText(error: unknown, file: string): string {
  const e = error as { name?: string; message?: string; position?: BuildPosition | null; specifier?: string };
  const message = (e?.message ?? String(error)).split("\n")[0]!;
  if (e?.name === "BuildMessage") {
    const where = e.position ? ` at line ${e.position.line}, column ${e.position.column}` : "";
    return `syntax error${where}: ${message} (fix the code; the other modules still load)`;
  }
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1];
  if (missing && /^[./]/.test(missing)) return `cannot find "${missing}" (a relative import is resolved from ${dirname(file)})`;
  if (missing) {
    return `cannot find package "${missing}" (run \`bun add ${missing}\` in ${dirname(file)} so a node_modules sits next to the module, or import only from "nanocode")`;
  }
  return `threw while loading: ${message} (a module should only define tools at the top level; do the work inside run)`;
}
