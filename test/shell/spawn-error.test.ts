import { expect, test } from "bun:test";
import { exec } from "../../src/registry/exec.ts";
import { couldNotStart, spawnOrExplain } from "../../src/shell/spawn-error.ts";

const failure = (code: string, message = `${code}: something, posix_spawn '/bin/bash'`) => Object.assign(new Error(message), { code });

test.each([
  ["EAGAIN", "could not start /bin/bash: too many processes are running (EAGAIN: a process limit is reached)"],
  ["ENOMEM", "could not start /bin/bash: not enough memory to start a process (ENOMEM)"],
  ["EMFILE", "could not start /bin/bash: too many open files (EMFILE)"],
  ["ENFILE", "could not start /bin/bash: too many open files in the system (ENFILE)"],
  ["EACCES", "could not start /bin/bash: permission denied (EACCES)"],
])("%s is said in words", (code, line) => {
  expect(couldNotStart("/bin/bash", failure(code))).toBe(line);
});

test("an error that carries its code only in the message is still read", () => {
  expect(couldNotStart("rg", new Error("EAGAIN: resource temporarily unavailable, posix_spawn 'rg'"))).toContain("(EAGAIN: a process limit is reached)");
});

test("anything else keeps its own message", () => {
  expect(couldNotStart("x", new Error("odd failure"))).toBe("could not start x: odd failure");
});

test("spawnOrExplain passes a result through and turns a throw into the line", () => {
  expect(spawnOrExplain("x", () => 7)).toBe(7);
  expect(() =>
    spawnOrExplain("x", () => {
      throw failure("EAGAIN");
    }),
  ).toThrow("could not start x: too many processes are running");
});

test("exec of a program that cannot start rejects with the line, not a crash", async () => {
  await expect(exec(["/nonexistent/program"])).rejects.toThrow(/^could not start \/nonexistent\/program: /);
});
