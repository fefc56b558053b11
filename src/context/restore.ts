import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { FileState } from "../fs/file-state.ts";
import { numberedLines } from "../fs/numbered-lines.ts";
import { contentBlocks, type Message } from "../model/messages.ts";
import { tokensOf } from "./tokens.ts";

const MAX_FILES = 5;
const MAX_FILE_TOKENS = 5_000;

/** Files the agent Read in `summarised` (newest first, each once) and did not read again in `kept`. */
function recentReads(summarised: readonly Message[], kept: readonly Message[], cwd: string): string[] {
  const pathsIn = (messages: readonly Message[]) =>
    contentBlocks(messages).flatMap((b) => {
      const path = b.type === "tool_use" && b.name === "Read" ? (b.input as { file_path?: unknown }).file_path : undefined;
      return typeof path === "string" ? [resolve(cwd, path)] : [];
    });
  const later = new Set(pathsIn(kept));
  return [...new Set(pathsIn(summarised).reverse())].filter((p) => !later.has(p));
}

/**
 * After a compaction the model has lost the files it was working on: re-read the most recent ones
 * from disk (as they are now) within a token budget, rendered as Read shows them. Each restored
 * file is recorded as read, so Edit works on it without another Read.
 */
export async function restoreFiles(
  summarised: readonly Message[],
  kept: readonly Message[],
  { cwd, budgetTokens, files, canRead }: { cwd: string; budgetTokens: number; files?: FileState; canRead: (path: string) => boolean },
): Promise<string[]> {
  const out: string[] = [];
  let left = budgetTokens;
  for (const path of recentReads(summarised, kept, cwd)) {
    if (out.length >= MAX_FILES) break;
    const info = await stat(path).catch(() => undefined);
    // A Read the deny rules refused is in the conversation too: its file must not come back here.
    if (!info?.isFile() || !canRead(path)) continue;
    const bytes = await Bun.file(path).bytes();
    if (bytes.includes(0)) continue;
    const view = numberedLines(new TextDecoder().decode(bytes), undefined, undefined);
    if ("error" in view) continue;
    const text = `Contents of ${path}, re-read after the compaction:\n${view.content}`;
    const cost = tokensOf(text);
    if (cost > Math.min(left, MAX_FILE_TOKENS)) continue;
    left -= cost;
    files?.record(path, bytes, info.mtimeMs, view.partial);
    out.push(text);
  }
  return out;
}
