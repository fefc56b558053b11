import { expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { lockSession } from "../../src/session/lock.ts";
import { tempDir } from "../support/tmp.ts";

const session = () => join(tempDir(), "s.jsonl");
const holderOf = (path: string) => JSON.parse(readFileSync(`${path}.lock`, "utf8"));

test("a free session is taken: the lock names this process and host", () => {
  const path = session();
  expect(lockSession(path)).toBeUndefined();
  expect(holderOf(path)).toEqual({ pid: process.pid, host: hostname() });
});

test("taking it again in the same process is fine (the REPL resuming its own session)", () => {
  const path = session();
  expect(lockSession(path)).toBeUndefined();
  expect(lockSession(path)).toBeUndefined();
});

test("a lock of a live process on this host is reported, and left as it is", () => {
  const path = session();
  const other = Bun.spawn(["sleep", "30"]);
  try {
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: other.pid, host: hostname() }));
    expect(lockSession(path)).toEqual({ pid: other.pid, host: hostname() });
    expect(holderOf(path).pid).toBe(other.pid);
  } finally {
    other.kill();
  }
});

test("a lock of a process that ended is taken over", async () => {
  const path = session();
  const gone = Bun.spawn(["true"]);
  await gone.exited;
  writeFileSync(`${path}.lock`, JSON.stringify({ pid: gone.pid, host: hostname() }));
  expect(lockSession(path)).toBeUndefined();
  expect(holderOf(path).pid).toBe(process.pid);
});

test("a lock from another host is respected: its process cannot be checked", () => {
  const path = session();
  writeFileSync(`${path}.lock`, JSON.stringify({ pid: 1, host: "other.example" }));
  expect(lockSession(path)).toEqual({ pid: 1, host: "other.example" });
});

test("a lock file that is not ours (garbage) is taken over", () => {
  const path = session();
  writeFileSync(`${path}.lock`, "{");
  expect(lockSession(path)).toBeUndefined();
  expect(holderOf(path).pid).toBe(process.pid);
});

test("a folder that allows no lock file leaves the session unlocked rather than failing", () => {
  expect(lockSession(join(tempDir(), "missing", "s.jsonl"))).toBeUndefined();
});

test("the lock is removed when its process exits", async () => {
  const path = session();
  const child = Bun.spawn([process.execPath, "-e", `require(${JSON.stringify(join(import.meta.dir, "../../src/session/lock.ts"))}).lockSession(${JSON.stringify(path)}); console.log(require("node:fs").existsSync(${JSON.stringify(`${path}.lock`)}))`], { stdout: "pipe" });
  expect((await new Response(child.stdout).text()).trim()).toBe("true");
  await child.exited;
  expect(existsSync(`${path}.lock`)).toBe(false);
});
