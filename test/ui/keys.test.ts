import { expect, test } from "bun:test";
import { KeyParser } from "../../src/ui/keys.ts";

test("keys, sequences and typed text", () => {
  const p = new KeyParser();
  expect(p.feed("ab")).toEqual([{ name: "text", text: "ab" }]);
  expect(p.feed("\r")).toEqual([{ name: "enter" }]);
  expect(p.feed("\x1b")).toEqual([{ name: "escape" }]);
  expect(p.feed("\x1b[A\x1b[Z\x1b\r\x03\x7f")).toEqual([{ name: "up" }, { name: "shift-tab" }, { name: "alt-enter" }, { name: "ctrl", letter: "c" }, { name: "backspace" }]);
  expect(p.feed("\x1b[99;9X")).toEqual([]);
});

test("a bracketed paste is one event, even across chunks, with line endings normalised", () => {
  const p = new KeyParser();
  expect(p.feed("\x1b[200~line 1\r\nline")).toEqual([]);
  expect(p.feed(" 2\rline 3\x1b[201~x")).toEqual([{ name: "paste", text: "line 1\nline 2\nline 3" }, { name: "text", text: "x" }]);
});
