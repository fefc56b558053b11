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
