import { expect, test } from "bun:test";
import { join } from "node:path";
import { tmuxSocket } from "../support/cleanup.ts";

// The suite's own hygiene (see test/support/cleanup.ts), checked on a run of its own: a terminal
// a failing test opened is closed, and a process a test left is killed and named, failing the run.

const sleeping = (tag: string) =>
  Bun.spawnSync(["ps", "-eo", "args="]).stdout.toString().split("\n").filter((line) => line.startsWith("sleep ") && line.includes(tag));

test.skipIf(process.platform !== "linux" || !Bun.which("tmux"))("a run whose test fails with a terminal open, and whose other test leaves a process, ends both and fails naming the process", async () => {
  const tag = `300.${process.pid}`;
  const run = Bun.spawn([process.execPath, "test", "./test/fixtures/cleanup/leaky-run.ts"], {
    cwd: join(import.meta.dir, "..", ".."),
    env: { ...process.env, LEAK_TAG: tag },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(run.stdout).text(), new Response(run.stderr).text(), run.exited]);
  const output = stdout + stderr;
  expect(code).toBe(1);
  expect(output).toContain("(fail) fails while its terminal is open");
  expect(output).toMatch(new RegExp(`the test run left 1 process running \\(now killed\\):\\n\\d+ sleep ${tag.replace(".", "\\.")}2`));
  expect(sleeping(tag)).toEqual([]);
  const server = Bun.spawnSync(["tmux", "-L", tmuxSocket(run.pid), "list-sessions"], { stderr: "pipe" });
  expect(server.exitCode).not.toBe(0);
});
