// One scanner for JSON's grammar that remembers where every value sits in the text. NotebookEdit
// replaces one value and leaves every other byte as it was (it must not reformat a notebook);
// settings name the line and column where a file breaks, which Bun's JSON.parse does not.

export type Span = {
  start: number;
  end: number;
  kind: "object" | "array" | "value";
  /** Object members in order (key → value span; JSON.parse's value: the last of a repeated key). */
  members?: Map<string, Span>;
  /** The earlier values of keys given more than once in this object, which JSON.parse drops. */
  repeated?: Map<string, Span[]>;
  /** Array elements in order. */
  items?: Span[];
};

class JsonSyntaxError extends Error {
  constructor(
    readonly at: number,
    readonly reason: string,
  ) {
    super(`invalid JSON at offset ${at}: ${reason}`);
  }
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const ESCAPE = /\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** The spans of a JSON text; throws an Error naming the offset of the first character that breaks it. */
export function parseSpans(text: string): Span {
  let i = 0;
  const fail = (reason: string): never => {
    throw new JsonSyntaxError(i, reason);
  };
  const found = () => (i >= text.length ? "end of file" : `'${text[i]}'`);
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail(`unexpected ${found()}`));
  const string = (): string => {
    const start = i++;
    while (text[i] !== '"') {
      if (i >= text.length) fail("unterminated string");
      if (text.charCodeAt(i) < 0x20) fail("control character in string");
      if (text[i] === "\\") {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) fail("invalid escape in string");
        i = ESCAPE.lastIndex;
      } else i++;
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const list = (close: string, item: () => void) => {
    i++;
    space();
    if (text[i] === close) return void i++;
    while (true) {
      item();
      space();
      if (text[i] === ",") {
        i++;
        space();
        if (text[i] === close) fail(`trailing comma before '${close}'`);
        continue;
      }
      if (text[i] === close) return void i++;
      fail(`expected ',' or '${close}', found ${found()}`);
    }
  };
  const value = (): Span => {
    space();
    const start = i;
    const c = text[i];
    if (c === "{") {
      const members = new Map<string, Span>();
      const repeated = new Map<string, Span[]>();
      list("}", () => {
        space();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${found()}`);
        const key = string();
        space();
        if (text[i] !== ":") fail(`expected ':' after the property name, found ${found()}`);
        i++;
        const earlier = members.get(key);
        if (earlier) repeated.set(key, [...(repeated.get(key) ?? []), earlier]);
        members.set(key, value());
      });
      return { start, end: i, kind: "object", members, ...(repeated.size ? { repeated } : {}) };
    }
    if (c === "[") {
      const items: Span[] = [];
      list("]", () => items.push(value()));
      return { start, end: i, kind: "array", items };
    }
    if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) fail(`unexpected ${found()}`);
      i = NUMBER.lastIndex;
    }
    return { start, end: i, kind: "value" };
  };
  const root = value();
  space();
  if (i < text.length) fail(`unexpected ${found()} after the end of the value`);
  return root;
}

/** Where a text stops being JSON (1-based line and column) and why; undefined when it is JSON. */
export function jsonErrorPlace(text: string): { line: number; column: number; message: string } | undefined {
  try {
    parseSpans(text);
    return undefined;
  } catch (error) {
    const { at, reason } = error as JsonSyntaxError;
    const before = text.slice(0, at).split("\n");
    return { line: before.length, column: before.at(-1)!.length + 1, message: reason };
  }
}
