// Bun's JSON.parse says what is wrong but not where. This scanner finds where: it walks the text
// with JSON's grammar and reports the line and column of the first character that breaks it.

export type JsonErrorPlace = { line: number; column: number; message: string };

export function jsonErrorPlace(text: string): JsonErrorPlace | undefined {
  let i = 0;
  const fail = (message: string): never => {
    throw { at: i, message };
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail(`unexpected ${describe()}`));
  const describe = () => (i >= text.length ? "end of file" : `'${text[i]}'`);
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if (text.charCodeAt(i) < 0x20) fail("control character in string");
      i++;
    }
    if (i >= text.length) fail("unterminated string");
    i++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail(`unexpected ${describe()}`);
    i += match![0].length;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") return members("}", () => {
      space();
      if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe()}`);
      string();
      space();
      if (text[i] !== ":") fail(`expected ':' after the property name, found ${describe()}`);
      i++;
      value();
    });
    if (c === "[") return members("]", value);
    if (c === '"') return string();
    if (c === "t") return void literal("true");
    if (c === "f") return void literal("false");
    if (c === "n") return void literal("null");
    number();
  };
  const members = (close: string, item: () => void) => {
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
      fail(`expected ',' or '${close}', found ${describe()}`);
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail(`unexpected ${describe()} after the end of the value`);
    return undefined;
  } catch (error) {
    const { at, message } = error as { at: number; message: string };
    const before = text.slice(0, at).split("\n");
    return { line: before.length, column: before.at(-1)!.length + 1, message };
  }
}
