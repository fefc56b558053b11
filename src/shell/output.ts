import { stat, statfs } from "node:fs/promises";
import { dirname } from "node:path";

/** Output longer than this is saved whole to a file; the model gets a preview and the path. */
export const MAX_INLINE_CHARS = 30_000;
const PREVIEW_CHARS = 2000;

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${(bytes / 1024).toFixed(1)}KB`;
}

/**
 * What the model is shown of a command's output file: the text itself when it is short, else the
 * `<persisted-output>` preview Claude Code gives (size, saved path, the first 2,000 characters cut
 * at a line end). A huge output is never loaded into memory whole.
 */
export async function outputForModel(file: string): Promise<{ text: string; persisted: boolean }> {
  const { size } = await stat(file);
  // On a full disk the command's output (its error messages too) had nowhere to go: say so
  // instead of showing nothing.
  if (size === 0 && (await statfs(file).catch(() => undefined))?.bavail === 0) {
    return { text: `(no output could be saved: the disk holding ${dirname(file)} is full (ENOSPC))`, persisted: false };
  }
  // Four bytes per character at most: below this it may fit; above it it cannot.
  if (size <= MAX_INLINE_CHARS * 4) {
    const text = (await Bun.file(file).text()).replace(/\s+$/, "");
    if (text.length <= MAX_INLINE_CHARS) return { text, persisted: false };
  }
  let preview = (await Bun.file(file).slice(0, PREVIEW_CHARS * 4).text()).slice(0, PREVIEW_CHARS);
  const cut = preview.lastIndexOf("\n");
  if (cut > PREVIEW_CHARS / 2) preview = preview.slice(0, cut);
  return {
    text: `<persisted-output>\nOutput too large (${formatSize(size)}). Full output saved to: ${file}\n\nPreview (first 2KB):\n${preview}\n...\n</persisted-output>`,
    persisted: true,
  };
}

/** The last non-empty line written so far, for progress reports of a long command. */
export async function lastLine(file: string): Promise<string> {
  const { size } = await stat(file);
  const tail = await Bun.file(file).slice(Math.max(0, size - 512), size).text();
  return tail.trimEnd().split("\n").at(-1) ?? "";
}
