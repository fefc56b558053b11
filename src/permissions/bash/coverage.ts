// Does the parse account for every byte of the command? tree-sitter recovers from what it cannot
// read (ERROR and MISSING nodes) and skips what its grammar calls extras; bash does neither. A
// command is only judged on a parse where every byte belongs to a token, blanks between them.

import type { Node } from "./parser.ts";
import { METACHARACTER } from "./words.ts";

// Nodes whose text is one piece to the walker though tree-sitter leaves parts of it to no child
// (the lines of a here-document body between its expansions, the text of a string).
const WHOLE = new Set(["heredoc_body", "string", "comment"]);
const BETWEEN_TOKENS = /^[ \t\n]*$/;

/** Why the parse may not be bash's reading of `text`, or undefined when every byte is accounted for. */
export function parseProblem(root: Node, text: string): string | undefined {
  let covered = 0;
  let problem: string | undefined;
  const visit = (node: Node): void => {
    if (problem) return;
    if (node.isError || node.isMissing) {
      problem = node.isMissing ? `the command lacks ${node.type} where the parser expected it` : `the parser cannot read ${node.text.slice(0, 40)}`;
      return;
    }
    // bash starts a comment only where a word starts: `]#x` or `x#y` is a word to it.
    if (node.type === "comment" && node.startIndex > 0 && !METACHARACTER.test(text[node.startIndex - 1]!)) {
      problem = `bash reads ${JSON.stringify(node.text.slice(0, 40))} as part of a word, not as a comment`;
      return;
    }
    if (node.childCount === 0 || WHOLE.has(node.type)) {
      const gap = text.slice(covered, node.startIndex);
      if (!BETWEEN_TOKENS.test(gap)) problem = `the parser skipped ${JSON.stringify(gap.trim().slice(0, 40))}`;
      covered = Math.max(covered, node.endIndex);
      if (node.childCount === 0 || node.type === "comment") return;
    }
    for (const child of node.children) if (child) visit(child);
  };
  visit(root);
  if (problem) return problem;
  const rest = text.slice(covered);
  return BETWEEN_TOKENS.test(rest) ? undefined : `the parser skipped ${JSON.stringify(rest.trim().slice(0, 40))}`;
}
