// The words of a `[ … ]` test as bash reads them. The parser builds an expression tree; bash
// sees the `[` builtin with plain words, so any token the two may read differently asks.

import type { Node } from "./parser.ts";
import type { Word } from "./words.ts";

// Nodes of a `[ … ]` test besides its words: any other token (`<`, `>`, `&&`) bash reads differently.
const TEST_GRAMMAR = new Set(["unary_expression", "binary_expression", "test_operator", "=", "==", "!=", "!"]);
const WORD_NODES = new Set(["word", "string", "raw_string", "concatenation", "simple_expansion", "expansion", "command_substitution", "process_substitution", "number", "ansi_c_string", "translated_string"]);

/** What the test needs of the walk: words scanned (their substitutions walked too), and a way to say it cannot follow. */
export type TestWalk = { word(node: Node): Word; notUnderstood(why: string): void };

/** The words between the brackets of the `test_command` node. */
export function testWords(node: Node, walk: TestWalk): Word[] {
  const words: Word[] = [];
  let end = node.startIndex + 1;
  const collect = (n: Node, brackets = false): void => {
    for (const [i, child] of n.children.entries()) {
      if (!child) continue;
      // Tokens with no blank between them are one word to bash (`="$x"`, `a]`).
      if (child.childCount === 0 || WORD_NODES.has(child.type)) {
        if (child.startIndex === end && child.startIndex > node.startIndex) walk.notUnderstood(`${n.text.slice(0, 40)} joins words bash reads as one`);
        end = child.endIndex;
      }
      if (brackets && (i === 0 || i === n.childCount - 1)) continue;
      if (WORD_NODES.has(child.type)) words.push(walk.word(child));
      else if (child.type === "test_operator" || !child.isNamed) {
        if (!TEST_GRAMMAR.has(child.type)) walk.notUnderstood(`${child.text} in ${node.text} is read differently by bash`);
        else words.push({ value: child.text, mayBeOption: child.text.startsWith("-"), text: child.text });
      } else if (TEST_GRAMMAR.has(child.type)) collect(child);
      else walk.notUnderstood(`${child.type.replaceAll("_", " ")} in ${node.text} is not analysed`);
    }
  };
  // `[[ … ]]` evaluates arithmetic (and so substitutions hidden in variable values): not analysed.
  // A newline ends the `[` command for bash, not for the parser.
  if (!node.text.startsWith("[ ") || node.text.includes("\n")) walk.notUnderstood(`${node.text.slice(0, 40)} is not analysed`);
  else collect(node, true);
  return words;
}
