import { plugin } from "bun";
import { existsSync } from "node:fs";
import { join } from "node:path";
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

export type LoadedModule = { file: string; module: Record<string, unknown> } | { file: string; error: string };

/** Imports every `.ts`/`.js` module in `dirs` (missing dirs are skipped), in a stable order. */
export async function importUserModules(dirs: string[]): Promise<LoadedModule[]> {
  const files = dirs.filter((dir) => existsSync(dir)).flatMap((dir) => [...new Bun.Glob("*.{ts,js,mjs}").scanSync(dir)].sort().map((f) => join(dir, f)));
  if (files.length === 0) return [];
  registerApiModule();
  return Promise.all(
    files.map(async (file): Promise<LoadedModule> => {
      try {
        return { file, module: (await import(file)) as Record<string, unknown> };
      } catch (error) {
        return { file, error: loadErrorText(error) };
      }
    }),
  );
}

function loadErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split("\n")[0] ?? message;
  if (/Cannot find (module|package)/i.test(first)) return `${first} (install it in a node_modules next to the module, or import only "nanocode")`;
  return first;
}
