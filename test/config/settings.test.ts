import { expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadSettings } from "../../src/config/settings.ts";
import { tempDir } from "../support/tmp.ts";

function write(base: string, rel: string, text: string) {
  mkdirSync(join(base, rel, ".."), { recursive: true });
  writeFileSync(join(base, rel), text);
}

test("user, project and local files merge; .nanocode wins over .claude; rules accumulate", () => {
  const cwd = tempDir();
  const home = tempDir();
  write(home, ".claude/settings.json", JSON.stringify({ model: "haiku", permissions: { allow: ["Bash(ls)"] } }));
  write(cwd, ".claude/settings.json", JSON.stringify({ model: "opus", permissions: { deny: ["Read(./secrets/**)"] } }));
  write(cwd, ".nanocode/settings.json", JSON.stringify({ model: "sonnet", permissions: { allow: ["Bash(ls)", "Bash(npm test:*)"] } }));
  write(cwd, ".nanocode/settings.local.json", JSON.stringify({ env: { A: "1" } }));
  const { settings, problems, files } = loadSettings(cwd, home);
  expect(problems).toEqual([]);
  expect(files.map((f) => f.scope)).toEqual(["user", "project", "project", "local"]);
  expect(settings.model).toBe("sonnet");
  expect(settings.permissions?.allow).toEqual(["Bash(ls)", "Bash(npm test:*)"]);
  expect(settings.permissions?.deny).toEqual(["Read(./secrets/**)"]);
  expect(settings.env).toEqual({ A: "1" });
});

test("working in the home folder, its settings files are read once, as the project's", () => {
  const home = tempDir();
  write(home, ".claude/settings.json", JSON.stringify({ permissions: { deny: ["WebFetch"] } }));
  const { settings, files } = loadSettings(home, home);
  expect(files.map((f) => [f.scope, f.root])).toEqual([["project", home]]);
  expect(settings.permissions?.deny).toEqual(["WebFetch"]);
});

test("invalid JSON is one line with file, line and column; other files still load", () => {
  const cwd = tempDir();
  const home = tempDir();
  write(cwd, ".claude/settings.json", '{\n  "permissions": {\n    "allow": ["Bash(ls)",]\n  }\n}');
  write(cwd, ".nanocode/settings.json", JSON.stringify({ model: "opus" }));
  const { settings, problems } = loadSettings(cwd, home);
  expect(problems).toEqual([`${join(cwd, ".claude/settings.json")}: invalid JSON at line 3, column 26: trailing comma before ']'; this file is ignored`]);
  expect(settings.model).toBe("opus");
});

test("a wrong field or rule costs only itself", () => {
  const cwd = tempDir();
  write(cwd, ".nanocode/settings.json", JSON.stringify({ model: 3, permissions: { allow: ["Read", 7], deny: ["Bash(rm:*)"] } }));
  const { settings, problems } = loadSettings(cwd, tempDir());
  expect(problems).toHaveLength(2);
  expect(problems[0]).toContain('field "model"');
  expect(problems[1]).toContain('field "permissions.allow.1"');
  expect(settings.permissions?.deny).toEqual(["Bash(rm:*)"]);
  expect(settings.model).toBeUndefined();
  expect(settings.permissions?.allow).toEqual(["Read"]);
});
