import { afterEach, beforeEach, expect, test } from "bun:test";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { covers, listedAsTrusted, storedFolders, trustedFoldersFile, trustFolder } from "../../src/config/trusted-folders.ts";
import { parseSettings } from "../../src/config/settings.ts";
import { tempDir } from "../support/tmp.ts";

const saved = process.env.NANOCODE_CONFIG_DIR;
beforeEach(() => {
  process.env.NANOCODE_CONFIG_DIR = tempDir("nanocode-config-");
});
afterEach(() => {
  if (saved === undefined) delete process.env.NANOCODE_CONFIG_DIR;
  else process.env.NANOCODE_CONFIG_DIR = saved;
});

test("a trusted folder covers itself and the folders in it, not its neighbours or parents", () => {
  const home = "/home/u";
  expect(covers("/work/p", "/work/p", home)).toBe(true);
  expect(covers("/work/p", "/work/p/sub/deeper", home)).toBe(true);
  expect(covers("/work/p", "/work/p2", home)).toBe(false);
  expect(covers("/work/p", "/work", home)).toBe(false);
});

test("the home folder and the filesystem root cover only themselves", () => {
  const home = tempDir("nanocode-home-");
  expect(covers(home, home, home)).toBe(true);
  expect(covers(home, join(home, "clone"), home)).toBe(false);
  expect(covers("/", "/", home)).toBe(true);
  expect(covers("/", "/work/p", home)).toBe(false);
});

test("trusting a folder is remembered in trusted-folders.json, once, by its real path", async () => {
  const real = tempDir();
  mkdirSync(join(real, "sub"));
  const link = join(tempDir(), "link");
  symlinkSync(real, link);
  await trustFolder(link);
  await trustFolder(real);
  expect(JSON.parse(readFileSync(trustedFoldersFile(), "utf8"))).toEqual({ folders: [real] });
  expect(storedFolders([])).toEqual([real]);
  expect(listedAsTrusted(storedFolders([]), join(link, "sub"))).toBe(true);
});

test("a broken trusted-folders.json trusts nothing, says why in one line, and is not overwritten", async () => {
  mkdirSync(process.env.NANOCODE_CONFIG_DIR!, { recursive: true });
  writeFileSync(trustedFoldersFile(), "{ nope");
  const problems: string[] = [];
  expect(storedFolders(problems)).toEqual([]);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toContain("trusted-folders.json: invalid JSON");
  await expect(trustFolder(tempDir())).rejects.toThrow("invalid JSON");
  expect(readFileSync(trustedFoldersFile(), "utf8")).toBe("{ nope");

  writeFileSync(trustedFoldersFile(), JSON.stringify({ folders: "/work" }));
  const again: string[] = [];
  expect(storedFolders(again)).toEqual([]);
  expect(again[0]).toContain('field "folders"');
});

test("trustedFolders in settings takes absolute and ~/ paths; a relative one is reported and skipped", () => {
  const read = parseSettings(JSON.stringify({ trustedFolders: ["/work", "~/code", "~", "code"] }), "settings.json");
  expect("settings" in read && read.settings.trustedFolders).toEqual(["/work", "~/code", "~"]);
  expect("problems" in read && read.problems).toEqual(['settings.json: field "trustedFolders.3": must be an absolute path or start with ~/; that field is ignored']);
});

test("listed folders: ~/ is the home folder, and a folder inside a listed one is trusted", () => {
  const home = tempDir("nanocode-home-");
  mkdirSync(join(home, "code", "p"), { recursive: true });
  expect(listedAsTrusted(["~/code"], join(home, "code", "p"), home)).toBe(true);
  expect(listedAsTrusted(["~"], join(home, "code", "p"), home)).toBe(false);
  expect(listedAsTrusted(["~"], home, home)).toBe(true);
  expect(listedAsTrusted(["/elsewhere"], join(home, "code", "p"), home)).toBe(false);
});
