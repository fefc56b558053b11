import { expect, test } from "bun:test";
import { join } from "node:path";
import { InputHistory } from "../../src/ui/history.ts";
import type { Key } from "../../src/ui/keys.ts";
import { PromptInput } from "../../src/ui/prompt.ts";
import { plainStyle } from "../../src/ui/style.ts";
import { tempDir } from "../support/tmp.ts";

const commands = [
  { name: "help", description: "List the slash commands" },
  { name: "clear", description: "Start a new conversation" },
  { name: "cost", description: "Show the cost" },
];
const files = ["src/", "src/cli.ts", "src/ui/repl.ts", "README.md"];

function input(historyFile = join(tempDir(), "history.jsonl")) {
  const history = new InputHistory("/project", historyFile);
  return new PromptInput(history, { commands: () => commands, files: () => files });
}
const text = (t: string): Key => ({ name: "text", text: t });
const key = (name: string): Key => ({ name }) as Key;
const ctrl = (letter: string): Key => ({ name: "ctrl", letter });

test("Enter submits; backslash-Enter, Alt+Enter and a paste make more lines", () => {
  const p = input();
  p.handle(text("one\\"));
  expect(p.handle(key("enter"))).toBeUndefined();
  p.handle(text("two"));
  p.handle(key("alt-enter"));
  p.handle({ name: "paste", text: "three\nfour" });
  expect(p.handle(key("enter"))).toEqual({ type: "submit", text: "one\ntwo\nthree\nfour" });
  expect(p.text).toBe("");
});

test("history: Up/Down walk earlier entries, across sessions, per project", () => {
  const file = join(tempDir(), "history.jsonl");
  const first = input(file);
  for (const t of ["first", "second"]) {
    first.handle(text(t));
    first.handle(key("enter"));
  }
  const p = input(file);
  p.handle(text("draft"));
  p.handle(key("up"));
  expect(p.text).toBe("second");
  p.handle(key("up"));
  expect(p.text).toBe("first");
  p.handle(key("down"));
  p.handle(key("down"));
  expect(p.text).toBe("draft");
  expect(new InputHistory("/elsewhere", file).all).toEqual([]);
});

test("Ctrl+R finds the newest match, again for older ones; Enter submits it", () => {
  const p = input();
  for (const t of ["npm test", "git status", "npm run build"]) {
    p.handle(text(t));
    p.handle(key("enter"));
  }
  p.handle(ctrl("r"));
  p.handle(text("npm"));
  expect(p.render(80, plainStyle).lines[0]).toContain("npm run build");
  p.handle(ctrl("r"));
  expect(p.render(80, plainStyle).lines[0]).toContain("npm test");
  expect(p.handle(key("enter"))).toEqual({ type: "submit", text: "npm test" });
});

test("slash commands complete with their descriptions; Tab accepts", () => {
  const p = input();
  p.handle(text("/c"));
  const shown = p.render(80, plainStyle).lines.join("\n");
  expect(shown).toContain("/clear");
  expect(shown).toContain("Start a new conversation");
  expect(shown).not.toContain("/help");
  p.handle(key("down"));
  p.handle(key("tab"));
  expect(p.text).toBe("/cost ");
});

test("@ mentions complete file paths", () => {
  const p = input();
  p.handle(text("look at @rep"));
  p.handle(key("tab"));
  expect(p.text).toBe("look at @src/ui/repl.ts ");
});

test("Ctrl+C and Esc go to the REPL, which clears what clear() is told to; Ctrl+D exits on an empty line; Shift+Tab cycles modes", () => {
  const p = input();
  p.handle(text("abc"));
  // The REPL decides: interrupt a running turn (keeping the line), else clear it, else exit.
  expect(p.handle(ctrl("c"))).toEqual({ type: "ctrl-c" });
  expect(p.text).toBe("abc");
  expect(p.handle(key("escape"))).toEqual({ type: "escape" });
  p.clear(true);
  expect(p.text).toBe("");
  p.handle(key("up"));
  expect(p.text).toBe("abc");
  p.clear();
  expect(p.handle(ctrl("d"))).toEqual({ type: "exit" });
  expect(p.handle(key("shift-tab"))).toEqual({ type: "cycle-mode" });
});

test("long and multi-line input wraps to the width, the cursor where the text ends", () => {
  const p = input();
  p.handle(text("x".repeat(25)));
  p.handle(key("alt-enter"));
  p.handle(text("yy"));
  const { lines, cursor } = p.render(20, plainStyle);
  expect(lines).toEqual([`> ${"x".repeat(17)}`, `  ${"x".repeat(8)}`, "  yy"]);
  expect(cursor).toEqual({ row: 2, col: 4 });
});

test("a long paste shows as a placeholder and is sent whole", () => {
  const p = input();
  const pasted = Array.from({ length: 40 }, (_, i) => `line ${i}`).join("\n");
  p.handle(text("see "));
  p.handle({ name: "paste", text: pasted });
  expect(p.text).toBe("see [Pasted text #1 +40 lines]");
  expect(p.handle(key("enter"))).toEqual({ type: "submit", text: `see ${pasted}` });
});

test("a very tall input shows the rows around the cursor", () => {
  const p = input();
  for (let i = 0; i < 30; i++) {
    p.handle(text(`row ${i}`));
    p.handle(key("alt-enter"));
  }
  const { lines, cursor } = p.render(80, plainStyle, { maxRows: 10 });
  expect(lines).toHaveLength(10);
  expect(lines[0]).toContain("more lines above");
  expect(cursor.row).toBe(9);
});
