// --settings and --setting-sources through the compiled binary, as a wrapper script passes them.
import { afterAll, expect, test } from "bun:test";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runNanocode } from "../support/run.ts";
import { startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project() {
  const work = tempDir("nanocode-settings-flags-");
  const home = tempDir("nanocode-settings-flags-home-");
  dirs.push(work, home);
  const write = (base: string, rel: string, value: unknown) => {
    mkdirSync(join(base, rel, ".."), { recursive: true });
    writeFileSync(join(base, rel), JSON.stringify(value));
  };
  write(home, ".claude/settings.json", { model: "haiku", permissions: { deny: ["Grep"] } });
  write(work, ".claude/settings.json", { model: "opus" });
  write(work, "ci/settings.json", { model: "fable", permissions: { deny: ["Bash"], allow: ["Bash("] } });
  return { work, home };
}

async function run(args: string[]) {
  const { work, home } = project();
  const server = startScriptedServer({ workdir: work, home, reply: () => [{ type: "text", text: "ok" }] });
  const result = await runNanocode(["-p", "hi", ...args], { cwd: work, env: { HOME: home, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url } });
  server.stop();
  return { ...result, requests: server.requests, work };
}

test("--settings outranks the settings files and --setting-sources leaves the user's out", async () => {
  const { code, stdout, stderr, requests, work } = await run(["--setting-sources", "project,local", "--settings", "ci/settings.json"]);
  expect(code).toBe(0);
  expect(stdout.trim()).toBe("ok");
  // The bad rule is one line naming the flag's file; the rest of it holds.
  expect(stderr.trim().split("\n")).toHaveLength(1);
  expect(stderr).toStartWith(`nanocode: --settings ${join(work, "ci/settings.json")}: field "permissions.allow.0": `);
  expect(stderr).toEndWith("; that field is ignored\n");
  const [request] = requests;
  expect(request!.body.model).toBe("claude-fable-5-1");
  const tools = request!.body.tools!.map((t) => t.name);
  // Denied as a whole by --settings: not offered. The user's deny of Grep was not read.
  expect(tools).not.toContain("Bash");
  expect(tools).toContain("Grep");
});

test("without the flags every file is read, as before", async () => {
  const { code, requests } = await run([]);
  expect(code).toBe(0);
  expect(requests[0]!.body.model).toBe("claude-opus-5-5");
  expect(requests[0]!.body.tools!.map((t) => t.name)).not.toContain("Grep");
});

test("a --settings file that is not there is one line and no request", async () => {
  const { code, stdout, stderr, requests, work } = await run(["--settings", "missing.json"]);
  expect(code).toBe(1);
  expect(stdout).toBe("");
  expect(stderr).toBe(`Error: --settings ${join(work, "missing.json")}: file not found\n`);
  expect(requests).toHaveLength(0);
});
