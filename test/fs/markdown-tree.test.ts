// Agents, commands and rules are found at any depth, as Claude Code finds them: hidden entries left
// out, linked folders entered once each, a link loop or a dangling link ending in silence.
import { expect, test } from "bun:test";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { markdownTree } from "../../src/fs/markdown-tree.ts";
import { put, tempDir } from "../support/tmp.ts";

test("every .md at any depth, sorted; hidden ones and other files left out", () => {
  const dir = tempDir();
  for (const path of ["b.md", "a/deep/er/x.md", "a/y.md", "notes.txt", ".hidden.md", ".drafts/z.md", "a/.cache/w.md"]) put(join(dir, path), "x");
  expect(markdownTree(dir)).toEqual(["a/deep/er/x.md", "a/y.md", "b.md"]);
});

test("a linked folder is entered; a second name of a folder already seen, a loop and a dangling link are not", () => {
  const dir = tempDir();
  const shared = tempDir();
  put(join(shared, "s.md"), "x");
  put(join(dir, "own.md"), "x");
  symlinkSync(shared, join(dir, "shared"));
  symlinkSync(shared, join(dir, "zz-again"));
  symlinkSync(dir, join(dir, "loop"));
  symlinkSync(join(dir, "nowhere"), join(dir, "dangling"));
  symlinkSync(join(dir, "self-a"), join(dir, "self-b"));
  symlinkSync(join(dir, "self-b"), join(dir, "self-a"));
  expect(markdownTree(dir)).toEqual(["own.md", "shared/s.md"]);
  expect(() => markdownTree(join(dir, "missing"))).toThrow();
});
