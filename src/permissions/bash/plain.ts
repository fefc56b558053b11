// The fast path: commands made only of letters, digits, `_./,:=+-`, spaces and the list operators
// `| || && ;` have no quotes, expansions, globs or redirections. The shell splits them at spaces
// and nothing more, so they need no parser (and its ~20 MiB of WASM).

const PLAIN_TEXT = /^[A-Za-z0-9_./,:=+ |&;-]*$/;
const PLAIN_OPERATORS = new Set(["|", "||", "&&", ";"]);
// Reserved words, and builtins the parser reads as declarations rather than commands.
const RESERVED = new Set(["if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "select", "function", "time", "in", "coproc"]);
const DECLARATIONS = new Set(["export", "declare", "typeset", "local", "readonly", "unset", "unsetenv"]);

/** One simple command and the operator joining it to the one before. */
export type PlainCommand = { operator?: string; words: string[] };

/** Splits a plain command into its simple commands, or returns undefined when it needs the real parser. */
export function splitPlain(command: string): PlainCommand[] | undefined {
  if (!PLAIN_TEXT.test(command)) return undefined;
  const commands: PlainCommand[] = [{ words: [] }];
  for (const token of command.split(" ").filter(Boolean)) {
    if (PLAIN_OPERATORS.has(token)) commands.push({ operator: token, words: [] });
    else if (/[|&;]/.test(token)) return undefined;
    // zsh expands a leading `=cmd` to a path: leave it to the parser.
    else if (token.startsWith("=")) return undefined;
    else {
      const current = commands.at(-1)!.words;
      // An assignment prefix or a reserved word is grammar, not a program: leave it to the parser.
      if (current.length === 0 && (token.includes("=") || RESERVED.has(token) || DECLARATIONS.has(token))) return undefined;
      current.push(token);
    }
  }
  // Pipelines run each command in a subshell; the parser's walk keeps a `cd` there straight.
  if (commands.some((c) => c.operator === "|") && commands.some((c) => c.words[0] === "cd")) return undefined;
  return commands.every((c) => c.words.length > 0) ? commands : undefined;
}
