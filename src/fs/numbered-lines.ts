// The text view Read gives the model: `cat -n` style "N<TAB>line", as Claude Code formats it.

export const MAX_LINES = 2000;
export const MAX_LINE_CHARS = 2000;
/** About 25,000 tokens: more than this in one result crowds out the rest of the conversation. */
export const MAX_RESULT_CHARS = 100_000;

export type LineView = { content: string; partial: boolean; totalLines: number } | { error: string };

/** Lines `offset`.. (1-based) of `text`, at most `limit` (default 2000), numbered, long lines cut. */
export function numberedLines(text: string, offset: number | undefined, limit: number | undefined): LineView {
  const lines = text.split("\n");
  const start = Math.max(1, offset ?? 1);
  if (start > lines.length) {
    return { error: `<system-reminder>Warning: the file exists but is shorter than the provided offset (${start}). The file has ${lines.length} lines.</system-reminder>` };
  }
  const shown = lines.slice(start - 1, start - 1 + (limit ?? MAX_LINES));
  const end = start - 1 + shown.length;
  const body = shown
    .map((line, i) => `${start + i}\t${line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [line truncated: ${line.length} chars]` : line}`)
    .join("\n");
  const more = end < lines.length && limit === undefined;
  const note = more ? `\n\n(Showing lines ${start}-${end} of ${lines.length}. Use offset and limit to read the rest.)` : "";
  return { content: body + note, partial: start > 1 || end < lines.length, totalLines: lines.length };
}
