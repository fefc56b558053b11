import { expect, test } from "bun:test";
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { isDirectory, isFile, listOrReport, readConfigText } from "../../src/fs/fs-error.ts";
import { put, tempDir } from "../support/tmp.ts";

test("a config file that cannot be read is a line naming it and the cause; an absent one is only missing", () => {
  const dir = tempDir();
  put(join(dir, "ok.json"), "{}");
  mkdirSync(join(dir, "dir.json"));
  put(join(dir, "file"), "x");
  expect(readConfigText(join(dir, "ok.json"))).toEqual({ text: "{}" });
  expect(readConfigText(join(dir, "absent.json"))).toEqual({ missing: true });
  expect(readConfigText(join(dir, "dir.json"))).toEqual({ problem: `${join(dir, "dir.json")}: is a directory, not a file (EISDIR)` });
  expect(readConfigText(join(dir, "file", "settings.json"))).toEqual({ problem: `${join(dir, "file", "settings.json")}: part of the path is a file, not a directory (ENOTDIR)` });
  expect([isFile(join(dir, "file", "x")), isDirectory(join(dir, "file", "x")), isFile(join(dir, "file")), isDirectory(dir)]).toEqual([false, false, true, true]);
});

test("a folder that cannot be listed is one line and lists nothing", () => {
  const dir = tempDir();
  put(join(dir, "agents"), "a file where a folder belongs");
  const problems: string[] = [];
  expect(listOrReport(join(dir, "agents"), () => readdirSync(join(dir, "agents")), problems, "its agents are skipped")).toEqual([]);
  expect(problems).toEqual([`${join(dir, "agents")}: part of the path is a file, not a directory (ENOTDIR); its agents are skipped`]);
});
