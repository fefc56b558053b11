// A JSON parser that remembers where every value sits in the text, so one value can be replaced
// and the rest of the file stays byte-identical (NotebookEdit must not reformat a notebook).

export type Span = {
  start: number;
  end: number;
  kind: "object" | "array" | "value";
  /** Object members in order (key → value span). */
  members?: Map<string, Span>;
  /** Array elements in order. */
  items?: Span[];
};

export function parseSpans(text: string): Span {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const fail = (what: string): never => {
    throw new Error(`invalid JSON at offset ${i}: ${what}`);
  };
  const string = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    if (i >= text.length) fail("unterminated string");
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): Span => {
    ws();
    const start = i;
    const c = text[i];
    if (c === "{") {
      i++;
      const members = new Map<string, Span>();
      ws();
      if (text[i] === "}") i++;
      else {
        for (;;) {
          ws();
          if (text[i] !== '"') fail("expected a key");
          const key = string();
          ws();
          if (text[i++] !== ":") fail("expected ':'");
          members.set(key, value());
          ws();
          if (text[i] === ",") i++;
          else if (text[i] === "}") {
            i++;
            break;
          } else fail("expected ',' or '}'");
        }
      }
      return { start, end: i, kind: "object", members };
    }
    if (c === "[") {
      i++;
      const items: Span[] = [];
      ws();
      if (text[i] === "]") i++;
      else {
        for (;;) {
          items.push(value());
          ws();
          if (text[i] === ",") i++;
          else if (text[i] === "]") {
            i++;
            break;
          } else fail("expected ',' or ']'");
        }
      }
      return { start, end: i, kind: "array", items };
    }
    if (c === '"') string();
    else {
      const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
      if (!m) fail("unexpected character");
      i += m![0].length;
    }
    return { start, end: i, kind: "value" };
  };
  const root = value();
  ws();
  if (i !== text.length) fail("trailing characters");
  return root;
}
