import { expect, test } from "bun:test";
import { MarkdownStream, renderMarkdown } from "../../src/ui/markdown.ts";
import { colorStyle, plainStyle } from "../../src/ui/style.ts";

const plain = (md: string, columns = 100) => renderMarkdown(md, plainStyle, columns);

test("block elements render without their Markdown syntax", () => {
  expect(plain("# Title\n## Sub\n- one\n- two\n  - nested\n1. first\n> quote\n---")).toEqual(["Title", "Sub", "• one", "• two", "  ◦ nested", "1. first", "│ quote", "─".repeat(60)]);
});

test("inline emphasis, code and links; snake_case is left alone", () => {
  expect(plain("Some **bold**, *it*, `a*b*c`, ~~gone~~ and [docs](https://x.dev) in snake_case_name")).toEqual(["Some bold, it, a*b*c, gone and docs (https://x.dev) in snake_case_name"]);
  const colored = renderMarkdown("**b** `c`", colorStyle, 60)[0]!;
  expect(colored).toBe("\x1b[1mb\x1b[22m \x1b[36mc\x1b[39m");
});

test("fenced code is indented and coloured, fences dropped", () => {
  expect(plain("```ts\nconst x = 1;\n```\nafter")).toEqual(["  const x = 1;", "after"]);
  const [line] = renderMarkdown("```ts\nconst s = \"hi\"; // note\n```", colorStyle, 60);
  expect(line).toContain("\x1b[35mconst\x1b[39m");
  expect(line).toContain('\x1b[32m"hi"\x1b[39m');
  expect(line).toContain("\x1b[90m// note\x1b[39m");
});

test("tables get box borders, alignment and fit the width", () => {
  expect(plain("| Name | N |\n|:-----|--:|\n| a | 1 |\n| bbb | 22 |")).toEqual(["┌──────┬────┐", "│ Name │  N │", "├──────┼────┤", "│ a    │  1 │", "│ bbb  │ 22 │", "└──────┴────┘"]);
  const narrow = plain(`| a | b |\n|---|---|\n| ${"word ".repeat(12)} | x |`, 30);
  for (const line of narrow) expect(Bun.stringWidth(line)).toBeLessThanOrEqual(30);
});

test("long paragraphs wrap at word boundaries, list items keep their indent", () => {
  expect(plain("- alpha beta gamma delta epsilon", 16)).toEqual(["• alpha beta", "  gamma delta", "  epsilon"]);
});

test("streaming: a line is emitted once, when complete; the rest is a preview", () => {
  const stream = new MarkdownStream(plainStyle, () => 60);
  expect(stream.push("# He")).toEqual([]);
  expect(stream.pending()).toEqual(["# He"]);
  expect(stream.push("ading\nSome **bo")).toEqual(["Heading"]);
  expect(stream.push("ld**\n| a |\n|---|\n")).toEqual(["Some bold"]);
  // A table waits for its last row.
  expect(stream.push("| 1 |\n")).toEqual([]);
  expect(stream.push("done")).toEqual(["┌───┐", "│ a │", "├───┤", "│ 1 │", "└───┘"]);
  expect(stream.end()).toEqual(["done"]);
});

test("the same text gives the same lines however it is split into deltas", () => {
  const md = "# T\nText with **bold** and `code`.\n\n```py\nx = 1  # c\n```\n| a | b |\n|---|---|\n| 1 | 2 |\nend\n";
  const whole = renderMarkdown(md, colorStyle, 40);
  const stream = new MarkdownStream(colorStyle, () => 40);
  const pieces: string[] = [];
  for (let i = 0; i < md.length; i += 3) pieces.push(...stream.push(md.slice(i, i + 3)));
  expect([...pieces, ...stream.end()]).toEqual(whole);
});
