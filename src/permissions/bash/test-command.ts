// `test` and `[`: they only compare strings and look at files, except `-v name` and `-R name`,
// which evaluate an array subscript in the name (`-v 'a[$(rm x)]'` runs rm).

import type { Word } from "./words.ts";

const BINARY = new Set(["=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"]);

/** Why these test arguments could run something, or undefined. */
export function testArgsWhy(args: Word[]): string | undefined {
  const words = args.at(-1)?.value === "]" ? args.slice(0, -1) : args;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word.value === "-v" || word.value === "-R") return `test ${word.value} evaluates the variable name it is given`;
    if (word.value !== undefined) continue;
    if (word.multi) return `${word.text} may become several words, one of them -v`;
    // A word only the shell knows acts as an operator only when an operand follows it, and not
    // as the left side of `x = y`.
    const leftOfBinary = i === 0 && words.length === 3 && BINARY.has(words[1]!.value ?? "");
    if (word.mayBeOption && i < words.length - 1 && !leftOfBinary) return `${word.text} could expand to -v`;
  }
  return undefined;
}
