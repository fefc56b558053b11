import { expect, test } from "bun:test";
import { Bash, decide, engine } from "./engine-support.ts";

test("deny rules bind the commands other programs run, in every mode", async () => {
  for (const mode of ["default", "acceptEdits", "bypassPermissions"] as const) {
    const { engine: e } = engine({ deny: ["Bash(rm:*)", "Bash(git push:*)"] }, mode);
    for (const command of [
      "find . -exec rm {} +", "find . -name '*.o' -execdir rm -f {} \\;", "find . -ok rm {} \\;", "sh -c 'rm x'", "bash -lc 'ls && rm x'", "zsh -c \"cd src; rm x\"", "eval rm x",
      "eval 'ls; rm x'", "stdbuf -o0 rm x", "setsid rm x", "flock /tmp/l rm x", "watch -n 1 rm x", "ionice -c3 rm x", "taskset -c 0 rm x", "sudo -u bob rm x", "doas rm x",
      "su -c 'rm x' bob", "xargs sh -c 'rm \"$0\"' < list", "find . -exec sh -c 'rm {}' \\;", "sudo bash -c 'git push origin main'", "timeout 5 sudo rm x", "nice sudo env rm x",
      "bash -c \"bash -c 'rm x'\"", "/usr/bin/sudo /bin/rm x", "busybox rm x", "unbuffer git push",
    ]) {
      expect([mode, command, await decide(e, Bash, { command })]).toEqual([mode, command, expect.stringContaining("denied by the rule")]);
    }
  }
});

test("an inner command that cannot be read asks when deny rules exist, even in bypassPermissions mode", async () => {
  const { engine: e } = engine({ deny: ["Bash(rm:*)"] }, "bypassPermissions");
  for (const command of ["sh -c \"$CMD\"", "sudo $cmd x", "find . -exec $tool {} +", "eval \"$x\"", "bash -c 'r$x x'", "xargs $prog < list"]) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, expect.stringContaining("deny rules cannot be checked")]);
  }
  // Without a deny rule, bypassPermissions runs them.
  expect(await decide(engine({}, "bypassPermissions").engine, Bash, { command: "sh -c \"$CMD\"" })).toBe("allow");
});

test("ask rules bind inner commands too; words that only name a program do not match", async () => {
  const { engine: e } = engine({ ask: ["Bash(git push:*)"], deny: ["Bash(rm:*)"] }, "bypassPermissions");
  expect(await decide(e, Bash, { command: "sudo git push" })).toContain("asks for confirmation");
  for (const command of ["find . -name rm", "echo rm", "grep -r rm src", "bash script.sh", "env"]) {
    expect([command, await decide(e, Bash, { command })]).toEqual([command, "allow"]);
  }
});
