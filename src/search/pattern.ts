// A Grep pattern (ripgrep's regex syntax) as a JavaScript RegExp, plus a literal every match must
// contain: files without those bytes are skipped without being decoded, which is most files.

export type Pattern = {
  /** Global, multiline (^ and $ at line ends); dotAll too in multiline mode. */
  regex: RegExp;
  /** Bytes every match contains (undefined when no such literal is known). */
  literal?: Uint8Array;
};

const POSIX: Record<string, string> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "a-zA-Z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: "\\s",
  xdigit: "0-9A-Fa-f",
  word: "\\w",
  punct: "!-\\/:-@\\[-`{-~",
};

/** The syntax ripgrep accepts that JavaScript spells otherwise. */
function translate(source: string, flags: Set<string>): string {
  let s = source;
  const inline = /^\(\?([imsx]+)\)/.exec(s);
  if (inline) {
    for (const f of inline[1]!) if (f !== "x") flags.add(f);
    s = s.slice(inline[0].length);
  }
  return s
    .replace(/\(\?P</g, "(?<")
    .replace(/\[:(\w+):\]/g, (all, name: string) => POSIX[name] ?? all)
    .replace(/\\A/g, "^")
    .replace(/\\z/g, "$");
}

const META = new Set([..."\\^$.|?*+()[]{}"]);

/** The longest run of plain characters every match must contain, or undefined. */
export function requiredLiteral(source: string): string | undefined {
  if (/\(\?[a-z]*i/.test(source)) return undefined;
  let depth = 0;
  for (const c of source) {
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) return undefined;
  }
  let best = "";
  let run = "";
  const end = () => {
    if (run.length > best.length) best = run;
    run = "";
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    let literal: string | undefined;
    if (c === "\\") {
      const next = source[++i];
      if (next !== undefined && /[^\w\s]/.test(next)) literal = next;
    } else if (!META.has(c)) literal = c;
    else if (c === "(" || c === "[") {
      // Skip the group or class whole: what it requires is not known here.
      const close = c === "(" ? ")" : "]";
      let nest = 0;
      for (; i < source.length; i++) {
        if (source[i] === "\\") i++;
        else if (source[i] === c) nest++;
        else if (source[i] === close && --nest === 0) break;
      }
    }
    const quantifier = source[i + 1];
    if (literal === undefined) end();
    else if (quantifier === "?" || quantifier === "*" || quantifier === "{") end();
    else {
      run += literal;
      if (quantifier === "+") end();
    }
  }
  end();
  return best.length >= 3 ? best : undefined;
}

export function compilePattern(source: string, options: { ignoreCase?: boolean; multiline?: boolean }): Pattern {
  const flags = new Set(["g", "m"]);
  if (options.ignoreCase) flags.add("i");
  if (options.multiline) flags.add("s");
  const translated = translate(source, flags);
  const make = (extra: string) => new RegExp(translated, [...flags].join("") + extra);
  let regex: RegExp;
  try {
    regex = make("u");
  } catch {
    // Unicode mode rejects some escapes ripgrep accepts (\- or a bare {): try without it.
    try {
      regex = make("");
    } catch (error) {
      throw new Error(`regex parse error: ${(error as Error).message.replace(/^Invalid regular expression: /, "")}`);
    }
  }
  const literal = flags.has("i") ? undefined : requiredLiteral(translated);
  return { regex, literal: literal === undefined ? undefined : new TextEncoder().encode(literal) };
}
