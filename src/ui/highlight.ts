import type { Style } from "./style.ts";

// Light syntax colouring for fenced code: keywords, strings, comments and numbers, one line at a
// time. It is deliberately approximate (a string or comment spanning lines is not followed): the
// point is readability while streaming, not a parser per language.

const KEYWORDS = new Set(
  (
    "abstract as async await break case catch class const continue def default defer del do elif else enum export extends false " +
    "final finally fn for from func function go if impl implements import in interface is let match mod module mut new nil none " +
    "None null package pass private protected pub public raise readonly return self static struct super switch this throw throws " +
    "trait true True False try type typeof undefined use var void where while with yield fi then esac done local echo"
  ).split(" "),
);

const HASH_COMMENTS = new Set(["py", "python", "sh", "bash", "zsh", "shell", "console", "rb", "ruby", "yaml", "yml", "toml", "perl", "r", "dockerfile", "makefile", "conf", "ini"]);
const DASH_COMMENTS = new Set(["sql", "lua", "haskell", "hs"]);

/** A line of code in language `lang` (the fence's info string), coloured. */
export function highlight(line: string, lang: string, s: Style): string {
  if (!s.color) return line;
  const l = lang.toLowerCase();
  if (l === "diff" || l === "patch") {
    if (/^\+(?!\+\+)/.test(line)) return s.green(line);
    if (/^-(?!--)/.test(line)) return s.red(line);
    return line.startsWith("@@") ? s.cyan(line) : line;
  }
  const comment = HASH_COMMENTS.has(l) ? "#[^\\n]*" : DASH_COMMENTS.has(l) ? "--[^\\n]*" : "\\/\\/[^\\n]*|\\/\\*.*?\\*\\/|<!--.*?-->";
  const token = new RegExp(`(${comment})|("(?:[^"\\\\]|\\\\.)*"?|'(?:[^'\\\\]|\\\\.)*'?|\`(?:[^\`\\\\]|\\\\.)*\`?)|\\b(\\d[\\d_.]*(?:e\\d+)?[a-z]*)\\b|([A-Za-z_$][\\w$]*)`, "g");
  return line.replace(token, (match, c?: string, str?: string, num?: string, word?: string) => {
    if (c) return s.gray(match);
    if (str) return s.green(match);
    if (num) return s.yellow(match);
    if (word && KEYWORDS.has(word)) return s.magenta(match);
    return match;
  });
}
