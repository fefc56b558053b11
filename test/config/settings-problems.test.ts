// Bad settings are never silent: one line naming the file, the field and the cause, and nothing
// that protects the user (a deny rule) is lost on the way.
import { expect, test } from "bun:test";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compileMatcher } from "../../src/config/hook-matcher.ts";
import { loadSettings, parseSettings } from "../../src/config/settings.ts";
import { readSettingsFlag } from "../../src/config/settings-flag.ts";
import { put, tempDir } from "../support/tmp.ts";

const parse = (text: string) => parseSettings(text, "s.json") as { settings: Record<string, any>; problems: string[] };

test("two permissions blocks: the deny and ask rules of both are kept, the rest is the last one's, and it is one line", () => {
  const { settings, problems } = parse(`{
    "permissions": { "deny": ["Bash(rm:*)"], "ask": ["Bash(git push:*)"], "allow": ["Bash(curl:*)"], "defaultMode": "bypassPermissions" },
    "permissions": { "allow": ["Read"], "deny": ["WebFetch"] }
  }`);
  expect(settings.permissions).toEqual({ allow: ["Read"], deny: ["Bash(rm:*)", "WebFetch"], ask: ["Bash(git push:*)"] });
  expect(problems).toEqual(['s.json: field "permissions" is given 2 times in one object; the last is used, with the deny and ask rules of every one kept']);
});

test("a deny list given twice in one permissions object keeps both lists' rules, without repeats", () => {
  const { settings, problems } = parse('{"permissions": {"deny": ["Bash(rm:*)", "Read(.env)"], "deny": ["Read(.env)"]}}');
  expect(settings.permissions.deny).toEqual(["Bash(rm:*)", "Read(.env)"]);
  expect(problems).toEqual(['s.json: field "permissions.deny" is given 2 times in one object; the last is used, with the deny and ask rules of every one kept']);
});

test("a key given three times counts them all; repeats outside permissions are reported and the last one used", () => {
  const { settings, problems } = parse('{"permissions": {"deny": ["A"]}, "permissions": {"deny": ["B"]}, "permissions": {"allow": ["Read"]}, "model": "opus", "model": "haiku", "env": {"X": "1", "X": "2"}}');
  expect(settings.permissions).toEqual({ allow: ["Read"], deny: ["A", "B"] });
  expect(settings.model).toBe("haiku");
  expect(settings.env).toEqual({ X: "2" });
  expect(problems).toEqual([
    's.json: field "env.X" is given 2 times in one object; the last is used, with the deny and ask rules of every one kept',
    's.json: field "permissions" is given 3 times in one object; the last is used, with the deny and ask rules of every one kept',
    's.json: field "model" is given 2 times in one object; the last is used, with the deny and ask rules of every one kept',
  ]);
});

test("hook event names are checked: a typo or another case is one line suggesting the event, and never runs", () => {
  const hooks = (event: string) => `"${event}": [{"hooks": [{"type": "command", "command": "true"}]}]`;
  const { settings, problems } = parse(`{"hooks": {${[hooks("PreTooluse"), hooks("sessionStart"), hooks("Frobnicate"), hooks("Stop")].join(",")}}}`);
  expect(Object.keys(settings.hooks)).toEqual(["Stop"]);
  expect(problems).toEqual([
    's.json: field "hooks.PreTooluse": no hook event has this name (did you mean "PreToolUse"?); that field is ignored',
    's.json: field "hooks.sessionStart": no hook event has this name (did you mean "SessionStart"?); that field is ignored',
    's.json: field "hooks.Frobnicate": no hook event has this name; that field is ignored',
  ]);
});

test("a matcher that is no regular expression is one line; names, alternatives, * and real patterns are fine", () => {
  const group = (matcher: string) => ({ matcher, hooks: [{ type: "command", command: "true" }] });
  const { settings, problems } = parse(JSON.stringify({ hooks: { PreToolUse: ["Bash(", "[unclosed", "*", "", "Edit|Write", "mcp__.*", "Notebook.*"].map(group) } }));
  expect(settings.hooks.PreToolUse.map((g: { matcher: string }) => g.matcher)).toEqual(["*", "", "Edit|Write", "mcp__.*", "Notebook.*"]);
  expect(problems).toHaveLength(2);
  expect(problems[0]).toStartWith('s.json: field "hooks.PreToolUse.0": the matcher "Bash(" is not a valid regular expression (');
  expect(problems[0]).toEndWith("), so these hooks would never run; that field is ignored");
  expect(problems[1]).toStartWith('s.json: field "hooks.PreToolUse.1": the matcher "[unclosed" is not a valid regular expression');
});

test("compileMatcher: what a matcher matches", () => {
  const match = (matcher: string | undefined, value: string | undefined) => (compileMatcher(matcher) as (v: string | undefined) => boolean)(value);
  expect([match(undefined, "Bash"), match("*", undefined), match("Bash", "Bash"), match("Bash", "BashOutput"), match("Edit|Write", "Write"), match("mcp__.*", "mcp__fs__read"), match("Bash", undefined)]).toEqual([true, true, true, false, true, true, false]);
  expect(compileMatcher("(")).toHaveProperty("invalid");
});

test("a list where an object belongs (mcpServers, permissions, env, hooks) is one line, not servers named 0, 1…", () => {
  const { settings, problems } = parse('{"mcpServers": [{"command": "x"}], "permissions": ["Bash"], "env": ["A=1"], "hooks": [], "model": "opus"}');
  expect(settings).toEqual({ model: "opus" });
  expect(problems).toEqual(["mcpServers", "permissions", "env", "hooks"].map((field) => `s.json: field "${field}": must be an object of names and values, not a list; that field is ignored`));
});

test(".claude or .nanocode that is a file, or a link into a loop: one line for the folder, and the other folder still loads", () => {
  const cwd = tempDir();
  const home = tempDir();
  writeFileSync(join(cwd, ".nanocode"), "not a folder");
  put(join(cwd, ".claude", "settings.json"), '{"model": "opus"}');
  symlinkSync(".claude", join(home, ".claude"));
  const { settings, problems } = loadSettings(cwd, home);
  expect(settings.model).toBe("opus");
  expect(problems).toEqual([
    `${join(home, ".claude")}: too many symbolic links (ELOOP); the settings, skills, commands, agents and rules it would hold are not read`,
    `${join(cwd, ".nanocode")}: is a file, not a folder; the settings, skills, commands, agents and rules it would hold are not read`,
  ]);
});

test("a settings file that is a FIFO, a link to /dev/zero, a link loop or a link to nothing: one line each, the others load", () => {
  const cwd = tempDir();
  const home = tempDir();
  mkdirSync(join(home, ".claude"), { recursive: true });
  mkdirSync(join(cwd, ".claude"), { recursive: true });
  mkdirSync(join(cwd, ".nanocode"), { recursive: true });
  expect(Bun.spawnSync(["mkfifo", join(home, ".claude", "settings.json")]).exitCode).toBe(0);
  symlinkSync("/dev/zero", join(cwd, ".claude", "settings.json"));
  symlinkSync("settings.local.json", join(cwd, ".claude", "settings.local.json"));
  symlinkSync("gone.json", join(cwd, ".nanocode", "settings.local.json"));
  put(join(cwd, ".nanocode", "settings.json"), '{"permissions": {"deny": ["Bash(rm:*)"]}}');
  const { settings, problems } = loadSettings(cwd, home);
  expect(settings.permissions?.deny).toEqual(["Bash(rm:*)"]);
  expect(problems).toEqual([
    `${join(home, ".claude", "settings.json")}: is a FIFO (named pipe), not a regular file; this file is ignored`,
    `${join(cwd, ".claude", "settings.json")}: is a character device, not a regular file; this file is ignored`,
    `${join(cwd, ".claude", "settings.local.json")}: too many symbolic links (ELOOP); this file is ignored`,
    `${join(cwd, ".nanocode", "settings.local.json")}: is a symbolic link to a file that does not exist; this file is ignored`,
  ]);
});

test("--settings inline JSON with a repeated permissions key keeps its deny rules and says so", () => {
  const { file, problems } = readSettingsFlag('{"permissions": {"deny": ["Bash(rm:*)"]}, "permissions": {"allow": ["Read"]}}', tempDir());
  expect(file.settings.permissions).toEqual({ allow: ["Read"], deny: ["Bash(rm:*)"] });
  expect(problems).toEqual(['--settings: field "permissions" is given 2 times in one object; the last is used, with the deny and ask rules of every one kept']);
});
