// The REPL's trust question, through the compiled binary in tmux: asked once per folder before
// anything of the project runs, showing what its configuration would do; "yes" is remembered,
// "no" runs without it and asks again next time.
import { expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { start } from "../support/repl.ts";
import { put, tempDir } from "../support/tmp.ts";

/** A project (not the home folder) whose settings would run a hook at start and allow Bash. */
function project(): { work: string; home: string } {
  const home = tempDir("nanocode-home-");
  const work = tempDir("nanocode-clone-");
  put(join(work, ".claude/settings.json"), JSON.stringify({
    permissions: { allow: ["Bash"] },
    hooks: { SessionStart: [{ hooks: [{ type: "command", command: `touch ${join(work, "hook-canary")}` }] }] },
  }));
  return { work, home };
}

const reply = [[{ type: "text" as const, text: "hello back" }]];

test("the question shows what the configuration would do; nothing runs before the answer; yes is remembered", async () => {
  const { work, home } = project();
  const config = join(home, ".nanocode");
  const first = start({ turns: reply }, { work, config, env: { HOME: home } });
  const screen = await first.term.waitFor("Do you trust the files in this folder?");
  expect(screen).toContain("permissions.allow");
  expect(screen).toContain("hooks.SessionStart");
  expect(screen).toContain("touch");
  expect(existsSync(join(work, "hook-canary"))).toBe(false);
  first.term.type("1");
  await first.term.waitFor("/help for commands");
  expect(existsSync(join(work, "hook-canary"))).toBe(true);
  expect(JSON.parse(readFileSync(join(config, "trusted-folders.json"), "utf8"))).toEqual({ folders: [work] });
  first.term.close();

  const again = start({ turns: reply }, { work, config, env: { HOME: home } });
  const welcome = await again.term.waitFor("/help for commands");
  expect(welcome).not.toContain("Do you trust");
});

test("no (or Esc): the session starts without the configuration, says so, and asks again next time", async () => {
  const { work, home } = project();
  const config = join(home, ".nanocode");
  const first = start({ turns: reply }, { work, config, env: { HOME: home } });
  await first.term.waitFor("Do you trust the files in this folder?");
  first.term.type("2");
  const screen = await first.term.waitFor("/help for commands");
  expect(screen).toContain("not trusted");
  expect(existsSync(join(work, "hook-canary"))).toBe(false);
  expect(existsSync(join(config, "trusted-folders.json"))).toBe(false);
  first.term.submit("hi");
  await first.term.waitFor("hello back");
  first.term.close();

  const again = start({ turns: reply }, { work, config, env: { HOME: home } });
  await again.term.waitFor("Do you trust the files in this folder?");
  again.term.keys("Escape");
  await again.term.waitFor("/help for commands");
  expect(existsSync(join(work, "hook-canary"))).toBe(false);
});

test("a folder with nothing to ignore, or started with --trust, is not asked", async () => {
  const plain = tempDir("nanocode-plain-");
  put(join(plain, ".claude/settings.json"), JSON.stringify({ permissions: { deny: ["WebFetch"] } }));
  const quiet = start({ turns: reply }, { work: plain, env: { HOME: tempDir("nanocode-home-") } });
  expect(await quiet.term.waitFor("/help for commands")).not.toContain("Do you trust");

  const { work, home } = project();
  const flagged = start({ turns: reply }, { work, args: ["--trust"], config: join(home, ".nanocode"), env: { HOME: home } });
  expect(await flagged.term.waitFor("/help for commands")).not.toContain("Do you trust");
  expect(existsSync(join(work, "hook-canary"))).toBe(true);
  expect(existsSync(join(home, ".nanocode", "trusted-folders.json"))).toBe(false);
});
