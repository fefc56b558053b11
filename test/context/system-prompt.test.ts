import { expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gitSnapshot } from "../../src/context/git.ts";
import { currentEnvironment, customizeSystemPrompt, systemPrompt } from "../../src/context/system-prompt.ts";
import { tempDir } from "../support/tmp.ts";

const git = (cwd: string, ...args: string[]) => Bun.spawnSync(["git", "-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd });

test("static block first and cached; the dynamic block has the environment and a git snapshot", async () => {
  const repo = tempDir();
  git(repo, "init", "-q", "-b", "main");
  writeFileSync(join(repo, "a.txt"), "a\n");
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", "first commit");
  writeFileSync(join(repo, "b.txt"), "b\n");
  mkdirSync(join(repo, "sub"));

  const snapshot = await gitSnapshot(join(repo, "sub"), () => undefined);
  expect(snapshot?.root).toBe(repo);
  const [first, second] = systemPrompt({ ...currentEnvironment(join(repo, "sub")), git: snapshot });
  expect(first!.cache_control).toEqual({ type: "ephemeral" });
  expect(first!.text).toStartWith("You are nanocode");
  expect(second!.text).toContain(`Working directory: ${join(repo, "sub")}`);
  expect(second!.text).toContain(`Git repository: yes (root ${repo})`);
  expect(second!.text).toContain("## main");
  expect(second!.text).toContain("?? ../b.txt");
  expect(second!.text).toContain("first commit");
});

test("outside a repository there is no snapshot", async () => {
  expect(await gitSnapshot(tempDir(), () => undefined)).toBeUndefined();
});

test("git is not run at all in a repository whose configuration would run a program", async () => {
  const repo = tempDir();
  git(repo, "init", "-q");
  git(repo, "config", "core.fsmonitor", `touch ${join(repo, "pwned")}; echo`);
  const snapshot = await gitSnapshot(repo, () => "its config sets core.fsmonitor");
  expect(snapshot?.status).toBe("(not taken: its config sets core.fsmonitor)");
  expect(snapshot?.recentCommits).toBe("");
});

test("an empty replacement drops the guidance block instead of sending an empty one (the API refuses those)", () => {
  const blocks = customizeSystemPrompt(systemPrompt(currentEnvironment("/work")), { replace: "", append: "END" });
  expect(blocks).toHaveLength(1);
  expect(blocks[0]!.text).toStartWith("# Environment");
  expect(blocks[0]!.text).toEndWith("\n\nEND");
});
