// Configuration files are read only when they are regular files of at most 10 MiB: anything else
// there is one line naming it and the cause, and nothing ever blocks (a FIFO is never waited on).
import { expect, test } from "bun:test";
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isPresent, readConfigText } from "../../src/fs/fs-error.ts";
import { IgnoreRules } from "../../src/search/ignore-file.ts";
import { saveAllowRules } from "../../src/permissions/local-rules.ts";
import { appendMemory } from "../../src/ui/memory-line.ts";
import { put, tempDir } from "../support/tmp.ts";

function fifo(path: string): string {
  expect(Bun.spawnSync(["mkfifo", path]).exitCode).toBe(0);
  return path;
}


const problem = (path: string) => (readConfigText(path) as { problem?: string }).problem;

test("a FIFO with no writer is refused at once, never waited on", () => {
  const dir = tempDir();
  expect(problem(fifo(join(dir, "settings.json")))).toBe(`${join(dir, "settings.json")}: is a FIFO (named pipe), not a regular file`);
});

test("a link to /dev/zero, /dev/zero itself and /dev/null are character devices, not files", () => {
  const dir = tempDir();
  symlinkSync("/dev/zero", join(dir, "settings.json"));
  expect(problem(join(dir, "settings.json"))).toBe(`${join(dir, "settings.json")}: is a character device, not a regular file`);
  expect(problem("/dev/zero")).toBe("/dev/zero: is a character device, not a regular file");
  expect(problem("/dev/null")).toBe("/dev/null: is a character device, not a regular file");
});

test("a socket is named as one (opening it fails with ENXIO)", () => {
  const path = join(tempDir(), "CLAUDE.md");
  const listener = Bun.listen({ unix: path, socket: { data() {} } });
  try {
    expect(problem(path)).toBe(`${path}: is a socket, not a regular file`);
  } finally {
    listener.stop(true);
  }
});

test("a link loop, a link to nothing and a link to a directory: one line each", () => {
  const dir = tempDir();
  symlinkSync("loop.json", join(dir, "loop.json"));
  symlinkSync("nowhere.json", join(dir, "dangling.json"));
  mkdirSync(join(dir, "folder"));
  symlinkSync("folder", join(dir, "to-folder.json"));
  expect(problem(join(dir, "loop.json"))).toBe(`${join(dir, "loop.json")}: too many symbolic links (ELOOP)`);
  expect(problem(join(dir, "dangling.json"))).toBe(`${join(dir, "dangling.json")}: is a symbolic link to a file that does not exist`);
  expect(problem(join(dir, "to-folder.json"))).toBe(`${join(dir, "to-folder.json")}: is a directory, not a file (EISDIR)`);
});

test("a file over 10 MiB is refused by its size, without reading it; one of 10 MiB is read", () => {
  const dir = tempDir();
  writeFileSync(join(dir, "huge.json"), "");
  truncateSync(join(dir, "huge.json"), 11 * 1024 * 1024);
  expect(problem(join(dir, "huge.json"))).toBe(`${join(dir, "huge.json")}: is 11 MiB, more than the 10 MiB a configuration file may hold`);
  writeFileSync(join(dir, "limit.json"), "");
  truncateSync(join(dir, "limit.json"), 10 * 1024 * 1024);
  expect((readConfigText(join(dir, "limit.json")) as { text: string }).text).toHaveLength(10 * 1024 * 1024);
});

test("a regular file is read whole, also one the kernel reports as empty (/proc)", () => {
  const dir = tempDir();
  put(join(dir, "a.json"), "é{}\n".repeat(50_000));
  expect(readConfigText(join(dir, "a.json"))).toEqual({ text: "é{}\n".repeat(50_000) });
  expect((readConfigText("/proc/self/status") as { text: string }).text).toContain("Pid:");
});

test("a path the user named on the command line may be a pipe with a writer (--settings <(…)); a device still is not", async () => {
  const dir = tempDir();
  const pipe = fifo(join(dir, "flag.json"));
  const writer = Bun.spawn(["sh", "-c", `printf '{"model":"haiku"}' > ${pipe}`]);
  try {
    expect(readConfigText(pipe, { pipes: true })).toEqual({ text: '{"model":"haiku"}' });
  } finally {
    writer.kill();
    await writer.exited;
  }
  expect(readConfigText("/dev/zero", { pipes: true })).toEqual({ problem: "/dev/zero: is a character device, not a regular file" });
});

test("isPresent: a link counts even when it leads nowhere; nothing is under a file", () => {
  const dir = tempDir();
  symlinkSync("nowhere", join(dir, "dangling"));
  symlinkSync("loop", join(dir, "loop"));
  put(join(dir, "file"), "x");
  expect([isPresent(join(dir, "dangling")), isPresent(join(dir, "loop")), isPresent(join(dir, "absent")), isPresent(join(dir, "file", "x")), isPresent(join(dir, "loop", "x"))]).toEqual([true, true, false, false, true]);
});

test("a FIFO planted as .gitignore does not stop a search, nor one as settings.local.json saving rules, nor one as a memory file #note", async () => {
  const dir = tempDir();
  expect(IgnoreRules.load(fifo(join(dir, ".gitignore")))).toBeUndefined();
  mkdirSync(join(dir, ".nanocode"));
  const local = fifo(join(dir, ".nanocode", "settings.local.json"));
  await expect(saveAllowRules(local, ["Bash(ls)"])).rejects.toThrow(`${local}: is a FIFO (named pipe), not a regular file; the permission rules were not saved there`);
  expect(() => appendMemory(fifo(join(dir, "CLAUDE.md")), "note")).toThrow(`${join(dir, "CLAUDE.md")}: is a FIFO (named pipe), not a regular file`);
});
