// Here-documents, checked against bash's own rules: the parser and bash must agree on where the
// body ends, or lines bash runs as commands could hide inside what the parser calls text.

import type { Node } from "./parser.ts";

/** The delimiter bash looks for: the word after `<<` with its quotes removed. */
function delimiterOf(raw: string): string {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === "\\" && i + 1 < raw.length) out += raw[++i];
    else if (c === "$" && (raw[i + 1] === "'" || raw[i + 1] === '"')) continue;
    else if (c !== "'" && c !== '"') out += c;
  }
  return out;
}

/**
 * Why bash might read this here-document differently from the parser, or undefined. Only a body
 * whose delimiter is unquoted is expanded; there every `$` and backquote must have been parsed.
 */
export function heredocProblem(node: Node): string | undefined {
  const start = node.children.find((c) => c?.type === "heredoc_start")?.text;
  const body = node.children.find((c) => c?.type === "heredoc_body");
  const end = node.children.find((c) => c?.type === "heredoc_end")?.text;
  if (start === undefined || end === undefined) return "a here-document without its end is not analysed";
  const stripTabs = node.children.some((c) => c?.type === "<<-");
  const strip = (line: string) => (stripTabs ? line.replace(/^\t+/, "") : line);
  const delimiter = delimiterOf(start);
  const quoted = /['"\\]/.test(start);
  if (strip(end) !== delimiter) return `the here-document ends at ${end}, where bash looks for ${delimiter}`;
  const text = body?.text ?? "";
  // Unquoted, a backslash-newline joins lines before bash compares them with the delimiter.
  if (!quoted && /\\\n/.test(text)) return "a here-document with line continuations is not analysed";
  if (text.split("\n").some((line) => strip(line) === delimiter)) return `bash would end the here-document earlier, at a line ${delimiter}`;
  if (!quoted && body && /[`$]/.test(unparsedText(body).replace(/\\[\\$`]/g, ""))) return "the here-document has expansions the parser did not take apart";
  return undefined;
}

/** The body's text without the expansions and substitutions the parser found in it. */
function unparsedText(body: Node): string {
  let text = "";
  let at = body.startIndex;
  for (const child of body.namedChildren) {
    if (!child || child.type === "heredoc_content") continue;
    text += body.text.slice(at - body.startIndex, child.startIndex - body.startIndex);
    at = child.endIndex;
  }
  return text + body.text.slice(at - body.startIndex);
}
