import { expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "../../src/cli/args.ts";
import { loadSettings } from "../../src/config/settings.ts";
import { readSettingsFlag } from "../../src/config/settings-flag.ts";
import { tempDir } from "../support/tmp.ts";

function write(base: string, rel: string, value: unknown) {
  mkdirSync(join(base, rel, ".."), { recursive: true });
  writeFileSync(join(base, rel), typeof value === "string" ? value : JSON.stringify(value));
}

function project() {
  const cwd = tempDir();
  const home = tempDir();
  write(home, ".claude/settings.json", { model: "haiku", permissions: { allow: ["Bash(ls)"] } });
  write(cwd, ".claude/settings.json", { model: "opus", permissions: { deny: ["WebFetch"] } });
  write(cwd, ".claude/settings.local.json", { model: "sonnet", permissions: { allow: ["Bash(npm test:*)"] } });
  return { cwd, home };
}

test("--settings is read last, above the local file: its values win, its rules join the others", () => {
  const { cwd, home } = project();
  const flag = readSettingsFlag('{"model": "fable", "permissions": {"deny": ["Bash(curl:*)"]}}', cwd);
  const { settings, files, problems } = loadSettings(cwd, home, { flag });
  expect(problems).toEqual([]);
  expect(settings.model).toBe("fable");
  expect(settings.permissions?.deny).toEqual(["WebFetch", "Bash(curl:*)"]);
  expect(files.map((f) => [f.scope, f.path])).toEqual([
    ["user", join(home, ".claude/settings.json")],
    ["project", join(cwd, ".claude/settings.json")],
    ["local", join(cwd, ".claude/settings.local.json")],
    ["flag", "--settings"],
  ]);
  expect(files.at(-1)!.root).toBe(cwd);
});

test("a --settings file is found from the working directory; its bad fields are one line each naming it", () => {
  const { cwd } = project();
  write(cwd, "ci/settings.json", { model: "fable", permissions: { allow: ["Bash(", "Read"] } });
  const { file, problems } = readSettingsFlag("ci/settings.json", cwd);
  const path = join(cwd, "ci/settings.json");
  expect(file).toMatchObject({ scope: "flag", path, settings: { model: "fable", permissions: { allow: ["Read"] } } });
  expect(problems).toHaveLength(1);
  expect(problems[0]).toStartWith(`--settings ${path}: field "permissions.allow.0": `);
  expect(problems[0]).toEndWith("; that field is ignored");
});

test("a --settings value that cannot be used stops the run with one line", () => {
  const { cwd } = project();
  expect(() => readSettingsFlag("nope.json", cwd)).toThrow(`--settings ${join(cwd, "nope.json")}: file not found`);
  expect(() => readSettingsFlag('{"model": }', cwd)).toThrow("--settings: invalid JSON at line 1, column 11");
  write(cwd, "list.json", "[1]");
  expect(() => readSettingsFlag("list.json", cwd)).toThrow(`--settings ${join(cwd, "list.json")}: must hold a JSON object`);
});

test("--setting-sources chooses which files are read; --settings is read whatever it says", () => {
  const { cwd, home } = project();
  const only = loadSettings(cwd, home, { sources: ["project"] });
  expect(only.files.map((f) => f.scope)).toEqual(["project"]);
  expect(only.settings.model).toBe("opus");
  expect(only.settings.permissions?.allow).toBeUndefined();
  const none = loadSettings(cwd, home, { sources: [], flag: readSettingsFlag('{"model": "fable"}', cwd) });
  expect(none.files.map((f) => f.scope)).toEqual(["flag"]);
  expect(none.settings).toEqual({ model: "fable" });
});

test("--setting-sources takes a comma list of user, project and local", () => {
  expect(parseArgs(["--setting-sources", "user, local"]).settingSources).toEqual(["user", "local"]);
  expect(parseArgs(["--setting-sources", ""]).settingSources).toEqual([]);
  expect(parseArgs(["--settings", "s.json"]).settings).toBe("s.json");
  expect(() => parseArgs(["--setting-sources", "user,global"])).toThrow("option '--setting-sources' must be a comma list of user, project, local (got 'user,global')");
});

test("a --settings path that is a directory stops the run with one line saying so", () => {
  const cwd = tempDir();
  mkdirSync(join(cwd, "ci"));
  expect(() => readSettingsFlag("ci", cwd)).toThrow(`--settings ${join(cwd, "ci")}: is a directory, not a file (EISDIR)`);
});
