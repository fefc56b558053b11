/**
 * A memory or rule file without its block-level HTML comments (`<!-- note for maintainers -->`
 * starting a line, over one line or several), as Claude Code strips them before the model reads
 * the file: notes for people cost no context. Comments inside fenced code blocks stay, being code,
 * and so does a comment in the middle of a line of prose.
 */
export function stripHtmlComments(text: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  let inComment = false;
  for (const line of text.split("\n")) {
    if (inComment) {
      const end = line.indexOf("-->");
      if (end < 0) continue;
      inComment = false;
      const rest = line.slice(end + 3);
      if (rest.trim()) out.push(rest);
      continue;
    }
    const marker = /^\s*(```|~~~)/.exec(line)?.[1];
    if (marker && (fence === undefined || fence === marker)) fence = fence ? undefined : marker;
    if (fence !== undefined || marker || !/^\s*<!--/.test(line)) {
      out.push(line);
      continue;
    }
    let rest = line;
    // Several comments may follow one another on the line; what is left after the last one stays.
    while (/^\s*<!--/.test(rest)) {
      const end = rest.indexOf("-->", rest.indexOf("<!--") + 4);
      if (end < 0) {
        inComment = true;
        rest = "";
        break;
      }
      rest = rest.slice(end + 3);
    }
    if (rest.trim()) out.push(rest);
  }
  return out.join("\n");
}
