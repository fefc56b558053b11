import { resolve } from "node:path";
import { builtinSearch } from "./builtin-engine.ts";
import { formatResults, type Page } from "./format.ts";
import type { GrepQuery } from "./query.ts";
import { ripgrepSearch } from "./rg-engine.ts";

export type Engine = "ripgrep" | "builtin";

/** ripgrep when it is on PATH (NANOCODE_GREP_ENGINE=builtin forces the built-in engine). */
export function chooseEngine(): { engine: Engine; rg?: string } {
  const rg = process.env.NANOCODE_GREP_ENGINE === "builtin" ? null : Bun.which("rg");
  return rg ? { engine: "ripgrep", rg } : { engine: "builtin" };
}

/**
 * Runs a Grep query on the chosen engine and shapes the result text; both engines give the same
 * text. `canRead` (absolute path) leaves out files the permission rules hide from the model.
 */
export async function grep(query: GrepQuery, page: Page & { numbered: boolean }, signal?: AbortSignal, choice = chooseEngine(), canRead?: (path: string) => boolean): Promise<string> {
  // The built-in engine can stop early: it reads files in path order, the order the text uses.
  const enough = page.limit === undefined || query.mode === "files_with_matches" ? undefined : page.offset + page.limit + 1;
  const results = choice.rg ? await ripgrepSearch(choice.rg, query, signal) : await builtinSearch({ ...query, enough }, signal);
  const visible = canRead ? results.filter((r) => canRead(resolve(query.cwd, r.path))) : results;
  return formatResults(visible, query, page);
}
