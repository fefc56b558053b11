// Memory and rule files as Claude Code loads them: one file once, whatever names reach it (links,
// a linked folder of shared rules), and without the HTML comments left for people.
import { expect, test } from "bun:test";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { stripHtmlComments } from "../../src/context/html-comments.ts";
import { loadMemoryFiles, MemoryReader } from "../../src/context/memory.ts";
import { loadRules } from "../../src/context/rules.ts";
import { put, tempDir } from "../support/tmp.ts";

test("block-level HTML comments go, over one line or several; code blocks and comments inside prose stay", () => {
  const text = [
    "# Project",
    "<!-- maintainers: keep this short -->",
    "Use bun.",
    "<!--",
    "  a long note",
    "  over lines",
    "-->",
    "Run tests. <!-- inline stays -->",
    "  <!-- indented --> Kept after it",
    "```html",
    "<!-- in code: kept -->",
    "```",
    "<!-- a --><!-- b -->",
    "End.",
  ].join("\n");
  expect(stripHtmlComments(text)).toBe(["# Project", "Use bun.", "Run tests. <!-- inline stays -->", " Kept after it", "```html", "<!-- in code: kept -->", "```", "End."].join("\n"));
  expect(stripHtmlComments("<!-- never closed\nlost")).toBe("");
  expect(stripHtmlComments("~~~\n<!-- x -->\n~~~")).toBe("~~~\n<!-- x -->\n~~~");
});

test("a memory file reached by two names (AGENTS.md linked to CLAUDE.md, a linked .claude) is loaded once", () => {
  const root = tempDir();
  const home = tempDir();
  put(join(root, "CLAUDE.md"), "SHARED rules <!-- note -->\n<!-- hidden from the model -->\nline two\n");
  symlinkSync("CLAUDE.md", join(root, "AGENTS.md"));
  put(join(root, "shared", "CLAUDE.md"), "DOT-CLAUDE memory");
  symlinkSync(join(root, "shared"), join(root, ".claude"));
  put(join(root, "sub", "CLAUDE.md"), "imports @../CLAUDE.md and @../shared/CLAUDE.md");
  const reader = new MemoryReader(home);
  const files = loadMemoryFiles(join(root, "sub"), reader, home);
  expect(files.map((f) => f.path)).toEqual([join(root, "CLAUDE.md"), join(root, ".claude", "CLAUDE.md"), join(root, "sub", "CLAUDE.md")]);
  expect(files[0]!.content).toBe("SHARED rules <!-- note -->\nline two\n");
  expect(reader.problems).toEqual([]);
});

test("rules: a linked folder of shared rules is entered, each file once, a link loop ends; loose front matter is read", async () => {
  const root = tempDir();
  const shared = tempDir();
  put(join(shared, "style.md"), "<!-- owner: platform team -->\nSTYLE rule");
  put(join(shared, "deep", "sql.md"), "---\npaths: migrations/**/*.sql, db/*.{sql,psql}\n---\nSQL rule");
  put(join(root, ".claude", "rules", "local.md"), "---\ndescription: Applies to: everything\n---\nLOCAL rule");
  symlinkSync(shared, join(root, ".claude", "rules-link-target"), "dir");
  symlinkSync(shared, join(root, ".claude", "rules", "shared"));
  symlinkSync(join(root, ".claude", "rules-link-target"), join(root, ".claude", "rules", "again"));
  symlinkSync(join(root, ".claude", "rules"), join(root, ".claude", "rules", "shared-loop"));
  const { always, byPath, problems } = await loadRules(root, tempDir());
  expect(problems).toEqual([]);
  expect(always.map((r) => r.content)).toEqual(["STYLE rule", "LOCAL rule"]);
  expect(byPath.map((r) => r.globs)).toEqual([["migrations/**/*.sql", "db/*.{sql,psql}"]]);
});
