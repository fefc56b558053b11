import { expect, test } from "bun:test";
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { atomicWrite } from "../../src/fs/atomic-write.ts";
import { tempDir } from "../support/tmp.ts";

test("a write that fails names the file being written (not its temp file) and leaves no temp file behind", async () => {
  const dir = tempDir();
  mkdirSync(join(dir, "target"));
  await expect(atomicWrite(join(dir, "target"), "text")).rejects.toThrow(`cannot write ${join(dir, "target")}: is a directory, not a file (EISDIR)`);
  expect(readdirSync(dir)).toEqual(["target"]);
});

test("a write under a path where a file stands in for a folder says so", async () => {
  const dir = tempDir();
  await Bun.write(join(dir, "notes"), "a file");
  await expect(atomicWrite(join(dir, "notes", "today.md"), "text")).rejects.toThrow(`cannot write ${join(dir, "notes", "today.md")}: ${join(dir, "notes")} or a folder above it is a file, not a directory`);
});
