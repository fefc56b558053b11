import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { importsOf } from "../../src/context/memory.ts";
import { SessionMemory } from "../../src/context/session-memory.ts";
import type { ToolResultBlock } from "../../src/model/messages.ts";
import { tempDir } from "../support/tmp.ts";

const saved = process.env.NANOCODE_CONFIG_DIR;
let root: string;
let home: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};

beforeAll(() => {
  root = tempDir("nanocode-mem-");
  home = join(root, "home");
  process.env.NANOCODE_CONFIG_DIR = join(home, ".nanocode");
  write(join(home, ".nanocode", "NANOCODE.md"), "USER-LEVEL: answer in English.");
  write(join(home, ".claude", "CLAUDE.md"), "CLAUDE-USER: be brief.");
  write(join(root, "CLAUDE.md"), "LEVEL-1 memory");
  write(join(root, "proj", "AGENTS.md"), "LEVEL-2 memory");
  write(join(root, "proj", "app", "NANOCODE.md"), "LEVEL-3 memory; style: @docs/style.md and `@not/imported.md`\n```\n@also/not.md\n```");
  write(join(root, "proj", "app", "docs", "style.md"), "IMPORTED style guide, see @../cycle-a.md");
  write(join(root, "proj", "app", "cycle-a.md"), "CYCLE-A @cycle-b.md");
  write(join(root, "proj", "app", "cycle-b.md"), "CYCLE-B @cycle-a.md @~/notes.md");
  write(join(home, "notes.md"), "HOME-NOTES");
  write(join(root, "proj", "app", "CLAUDE.local.md"), "LOCAL private notes");
  write(join(root, "proj", "app", ".claude", "rules", "always.md"), "ALWAYS-RULE");
  write(join(root, "proj", "app", ".claude", "rules", "same.md"), "CLAUDE-SAME");
  write(join(root, "proj", "app", ".nanocode", "rules", "same.md"), "NANOCODE-SAME");
  write(join(root, "proj", "app", ".nanocode", "rules", "sql.md"), "---\npaths:\n  - db/**/*.sql\n---\nSQL-RULE: never drop tables");
  write(join(root, "proj", "app", "src", "deep", "CLAUDE.md"), "NESTED-DEEP memory");
  write(join(root, "proj", "app", "src", "CLAUDE.md"), "NESTED-SRC memory");
});
afterAll(() => {
  if (saved === undefined) delete process.env.NANOCODE_CONFIG_DIR;
  else process.env.NANOCODE_CONFIG_DIR = saved;
});

const cwd = () => join(root, "proj", "app");

test("memory from the user folder and every level up to the root, imports followed once, cycles refused", async () => {
  const { memory, problems } = await SessionMemory.load(cwd(), home);
  const text = memory.systemText();
  const order = ["CLAUDE-USER", "USER-LEVEL", "LEVEL-1", "LEVEL-2", "LEVEL-3", "IMPORTED", "CYCLE-A", "CYCLE-B", "HOME-NOTES", "LOCAL private", "ALWAYS-RULE", "NANOCODE-SAME"];
  const positions = order.map((marker) => text.indexOf(marker));
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  expect(text).toContain(`imported by ${join(cwd(), "docs", "style.md")}`);
  expect(text).not.toContain("CLAUDE-SAME");
  expect(text).not.toContain("SQL-RULE");
  expect(text).not.toContain("NESTED");
  expect(problems).toEqual([`${join(cwd(), "cycle-b.md")}: @import of ${join(cwd(), "cycle-a.md")} skipped: it imports itself (a cycle)`]);
});

test("subdirectory memory and path rules join the result of the first call that touches them", async () => {
  const { memory } = await SessionMemory.load(cwd(), home);
  const call = (id: string, file_path: string) => ({ type: "tool_use" as const, id, name: "Read", input: { file_path } });
  const result = (id: string): ToolResultBlock => ({ type: "tool_result", tool_use_id: id, content: "file text" });
  const calls = [call("a", join(cwd(), "src", "deep", "x.ts")), call("b", "db/001.sql"), call("c", join(cwd(), "src", "y.ts"))];
  const out = await memory.annotate(calls, [result("a"), result("b"), result("c")], cwd());
  const texts = out.map((r) => JSON.stringify(r.content));
  expect(texts[0]).toContain("NESTED-SRC");
  expect(texts[0]).toContain("NESTED-DEEP");
  expect(texts[0]!.indexOf("NESTED-SRC")).toBeLessThan(texts[0]!.indexOf("NESTED-DEEP"));
  expect(texts[1]).toContain("SQL-RULE");
  expect(out[2]!.content).toBe("file text");
  expect(memory.attached.map((f) => f.content.trim())).toEqual(["NESTED-SRC memory", "NESTED-DEEP memory", "SQL-RULE: never drop tables"]);
  const again = await memory.annotate([call("d", join(cwd(), "src", "deep", "z.ts"))], [result("d")], cwd());
  expect(again[0]!.content).toBe("file text");
});

test("watchers add their texts to a touched file's reminder; compaction gets them back; a sub-agent's memory has none", async () => {
  const { memory } = await SessionMemory.load(cwd(), home);
  const seen: string[] = [];
  memory.watch(async (path) => (seen.push(path), path.endsWith(".py") ? ["SKILL-OFFER for python"] : []));
  const call = { type: "tool_use" as const, id: "a", name: "Read", input: { file_path: "tool.py" } };
  const [out] = await memory.annotate([call], [{ type: "tool_result", tool_use_id: "a", content: "print(1)" }], cwd());
  expect(seen).toEqual([join(cwd(), "tool.py")]);
  expect(JSON.stringify(out!.content)).toContain("<system-reminder>\\nSKILL-OFFER for python\\n</system-reminder>");
  expect(memory.reminders()).toEqual(["SKILL-OFFER for python"]);
  const fork = memory.fork();
  const [sub] = await fork.annotate([call], [{ type: "tool_result", tool_use_id: "a", content: "print(1)" }], cwd());
  expect(sub!.content).toBe("print(1)");
});

test("@imports are found in prose only, without trailing punctuation", () => {
  expect(importsOf("see @a.md, @./b/c.md; and @~/d.md.\n`@code.md`\n```\n@fenced.md\n```\nmail me@x.org")).toEqual(["a.md", "./b/c.md", "~/d.md"]);
});

test("a binary memory file or import, and a directory named like a memory file, stay out of the prompt, one line each", async () => {
  const dir = tempDir("nanocode-mem-bin-");
  write(join(dir, "CLAUDE.md"), "TEXT-MEMORY, logo: @logo.png");
  writeFileSync(join(dir, "logo.png"), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]));
  mkdirSync(join(dir, "AGENTS.md"));
  const { memory, problems } = await SessionMemory.load(dir, home);
  expect(memory.systemText()).toContain("TEXT-MEMORY");
  expect(memory.systemText()).not.toContain("PNG");
  expect(problems.sort()).toEqual([`${join(dir, "AGENTS.md")}: is a directory, not a file (EISDIR); this memory file is skipped`, `${join(dir, "logo.png")}: is a binary file, not text; this memory file is skipped`]);
});

test("deny rules bind memory: an @import, a rule file and a nested memory file they hide stay out (also for a sub-agent)", async () => {
  const hidden = (path: string) => path.includes("/docs/") || path.includes("/src/deep/") || path.endsWith("always.md");
  const { memory, problems } = await SessionMemory.load(cwd(), home, (path) => !hidden(path));
  expect(memory.systemText()).toContain("LEVEL-3");
  expect(memory.systemText()).not.toContain("IMPORTED");
  expect(memory.systemText()).not.toContain("ALWAYS-RULE");
  expect(problems).toContain(`${join(cwd(), ".claude", "rules", "always.md")}: this rule is ignored: a Read deny rule hides it`);
  expect(problems).toContain(`${join(cwd(), "NANOCODE.md")}: @import of ${join(cwd(), "docs", "style.md")} skipped: a Read deny rule hides it`);
  const call = { type: "tool_use" as const, id: "a", name: "Read", input: { file_path: join(cwd(), "src", "deep", "x.ts") } };
  for (const session of [memory, memory.fork()]) {
    const [out] = await session.annotate([call], [{ type: "tool_result", tool_use_id: "a", content: "file text" }], cwd());
    expect(JSON.stringify(out!.content)).toContain("NESTED-SRC");
    expect(JSON.stringify(out!.content)).not.toContain("NESTED-DEEP");
  }
});
