import { Database } from "bun:sqlite";
import { beforeAll, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { FileState } from "../../src/fs/file-state.ts";
import type { Tool, ToolContext } from "../../src/registry/define.ts";
import { itemsOf } from "../../src/registry/load.ts";
import { importUserModules } from "../../src/registry/user-modules.ts";
import { tempDir } from "../support/tmp.ts";

// The modules in examples/tools/ are what README points users to: they must load as drop-in modules and work.
const tools = new Map<string, Tool>();
beforeAll(async () => {
  for (const loaded of await importUserModules([join(import.meta.dir, "../../examples/tools")])) {
    if ("error" in loaded) throw new Error(`${loaded.file}: ${loaded.error}`);
    for (const item of itemsOf(loaded.module)) if (item.kind === "tool") tools.set(item.name, item);
  }
});

const context = (cwd: string): ToolContext => ({
  cwd,
  setCwd() {},
  signal: new AbortController().signal,
  toolUseId: "t",
  sessionId: "s",
  canRead: () => true,
  sessionDir: join(cwd, ".s"),
  files: new FileState(),
  progress() {},
  ask: async () => false,
});

test("SqliteQuery shows the schema, runs a SELECT, and refuses writes", async () => {
  const cwd = tempDir();
  const db = new Database(join(cwd, "app.db"));
  db.run("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)");
  db.run("INSERT INTO users (name) VALUES ('Ada'), ('Linus')");
  db.close();
  const tool = tools.get("SqliteQuery")!;
  expect(await tool.run({ database: "app.db" }, context(cwd))).toBe("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);");
  expect(await tool.run({ database: "app.db", sql: "SELECT * FROM users ORDER BY id" }, context(cwd))).toBe("id | name\n---|------\n1  | Ada\n2  | Linus");
  expect(await tool.run({ database: "app.db", sql: "DELETE FROM users" }, context(cwd))).toMatchObject({ isError: true, content: expect.stringContaining("readonly") });
});

test("GitHistory lists the commits of a file and of a line range", async () => {
  const cwd = tempDir();
  const git = (...args: string[]) => Bun.spawnSync(["git", "-c", "user.name=Ada", "-c", "user.email=a@x", ...args], { cwd });
  git("init", "-q");
  writeFileSync(join(cwd, "a.txt"), "one\ntwo\n");
  git("add", ".");
  git("commit", "-qm", "first: add a.txt");
  writeFileSync(join(cwd, "a.txt"), "one\nTWO\n");
  git("commit", "-qam", "second: shout two");
  const tool = tools.get("GitHistory")!;
  const all = (await tool.run({ file_path: "a.txt", max_commits: 10, with_diffs: false }, context(cwd))) as string;
  expect(all).toContain("second: shout two");
  expect(all).toContain("first: add a.txt");
  expect(all.indexOf("second")).toBeLessThan(all.indexOf("first"));
  const line1 = (await tool.run({ file_path: "a.txt", start_line: 1, end_line: 1, max_commits: 10, with_diffs: false }, context(cwd))) as string;
  expect(line1).toContain("first: add a.txt");
  expect(line1).not.toContain("second");
});

test("the complete module in README loads and runs", async () => {
  const readme = await Bun.file(join(import.meta.dir, "../../README.md")).text();
  const code = /```ts\n(\/\/ \.nanocode\/tools\/run-tests\.ts\n[\s\S]*?)```/.exec(readme)![1]!;
  const cwd = tempDir();
  const tools = tempDir();
  writeFileSync(join(tools, "run-tests.ts"), code);
  writeFileSync(join(cwd, "ok.test.ts"), `import { test, expect } from "bun:test";\ntest("adds", () => expect(1 + 1).toBe(2));\n`);
  const [loaded] = await importUserModules([tools]);
  if (!loaded || "error" in loaded) throw new Error(String(loaded && loaded.error));
  const tool = itemsOf(loaded.module)[0] as Tool;
  const result = (await tool.run({ filter: "adds" }, context(cwd))) as { content: string; isError: boolean };
  expect(result.isError).toBe(false);
  expect(result.content).toContain("1 pass");
});
