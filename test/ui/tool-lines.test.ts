import { expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { diffLines, renderDiff } from "../../src/ui/diff.ts";
import { plainStyle } from "../../src/ui/style.ts";
import { toolLines } from "../../src/ui/tool-lines.ts";
import { tempDir } from "../support/tmp.ts";

const ok = (content: string) => ({ type: "tool_result" as const, tool_use_id: "t", content });

test("a line diff keeps common lines and numbers both sides", () => {
  const diff = diffLines("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
  expect(diff.map((l) => `${l.kind}:${l.text}`)).toEqual(["same:a", "del:b", "add:B", "same:c", "same:d", "add:e"]);
  expect(renderDiff(diff, plainStyle, 80, { context: 0 })).toEqual(["2 - b", "2 + B", "  ⋮", "5 + e"]);
});

test("an Edit is shown as a diff numbered as in the file, with context", () => {
  const cwd = tempDir();
  const file = join(cwd, "app.ts");
  writeFileSync(file, "one\ntwo\nconst x = 2;\nfour\nfive\nsix\n");
  const lines = toolLines("Edit", { file_path: file, old_string: "x = 1", new_string: "x = 2" }, ok("updated"), cwd, plainStyle, 80);
  expect(lines).toEqual(["● Edit app.ts (+1 -1)", "     1   one", "     2   two", "     3 - const x = 1;", "     3 + const x = 2;", "     4   four", "     5   five"]);
});

test("results are summarised in one line, or a few lines with a count of the rest", () => {
  expect(toolLines("Read", { file_path: "/p/a.ts" }, ok("1\tx\n2\ty\n"), "/p", plainStyle, 80)).toEqual(["● Read a.ts (2 lines)"]);
  expect(toolLines("Grep", { pattern: "TODO" }, ok("Found 3 files\na\nb\nc"), "/p", plainStyle, 80)).toEqual(['● Grep "TODO" (3 files)']);
  expect(toolLines("Bash", { command: "seq 10" }, ok("1\n2\n3\n4\n5\n6"), "/p", plainStyle, 80)).toEqual(["● Bash seq 10", "  ⎿  1", "     2", "     3", "     4", "     … +2 lines"]);
  expect(toolLines("Bash", { command: "false" }, { ...ok("<tool_use_error>Exit code 1</tool_use_error>"), is_error: true }, "/p", plainStyle, 80)).toEqual(["● Bash false", "  ⎿  Exit code 1"]);
});
