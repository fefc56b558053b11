import { stat } from "node:fs/promises";
import type { FileState, Freshness } from "./file-state.ts";
import { decodeText, type TextFormat } from "./text-file.ts";

/** An existing file about to be changed: its bytes, its text as the model sees it, and whether the model has seen it. */
export type Editable = { bytes: Uint8Array; text: string; format: TextFormat; freshness: Freshness };

/** The file at `path` as Edit and Write need it; undefined when it does not exist. */
export async function openForChange(files: FileState, path: string): Promise<Editable | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return undefined;
  if (info.isDirectory()) throw new Error(`${path} is a directory, not a file.`);
  const bytes = await Bun.file(path).bytes();
  return { bytes, ...decodeText(bytes), freshness: files.freshness(path, bytes) };
}
