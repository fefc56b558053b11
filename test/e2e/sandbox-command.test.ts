// /sandbox and /doctor through the compiled binary with -p: what they say of the sandbox, and
// /sandbox saving the choice where Claude Code's does (the project's local settings).

import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runNanocode } from "../support/run.ts";
import { started } from "../support/repl.ts";
import { put, tempDir } from "../support/tmp.ts";

const linux = process.platform === "linux";

function project() {
  const work = tempDir("nanocode-sandbox-cmd-");
  const script = join(work, "script.json");
  put(script, JSON.stringify({ turns: [] }));
  put(join(work, ".env"), "A=1\n");
  const run = (prompt: string, ...args: string[]) => runNanocode(["-p", prompt, "--replay", script, ...args], { cwd: work, env: { NANOCODE_CONFIG_DIR: join(work, ".config") } });
  return { work, run };
}

test.skipIf(!linux)("/sandbox shows the policy in force: on, where it may write, what it cannot read, the network", async () => {
  const { work, run } = project();
  const settings = JSON.stringify({ permissions: { deny: ["Read(./.env)"] }, sandbox: { network: { allowedDomains: ["github.com"] }, excludedCommands: ["docker"] } });
  const out = await run("/sandbox", "--sandbox", "--settings", settings);
  expect(out.code).toBe(0);
  expect(out.stdout).toContain("Sandbox: on, auto-allow");
  expect(out.stdout).toContain("Works here: /");
  expect(out.stdout).toContain(`Writable: ${work}, and a /tmp private to each call`);
  expect(out.stdout).toContain(`Unreadable: ${join(work, ".env")}`);
  expect(out.stdout).toContain("Network: only github.com, through nanocode's proxy");
  expect(out.stdout).toContain("Run outside the sandbox, with the usual prompts: docker");
});

test.skipIf(!linux)("/sandbox off and /sandbox prompt are saved in .nanocode/settings.local.json, keeping what else is there", async () => {
  const { work, run } = project();
  put(join(work, ".nanocode/settings.local.json"), JSON.stringify({ permissions: { allow: ["Bash(ls:*)"] } }));
  const off = await run("/sandbox off", "--sandbox");
  expect(off.stdout).toContain("Sandbox: off (saved in .nanocode/settings.local.json)");
  const read = () => JSON.parse(readFileSync(join(work, ".nanocode/settings.local.json"), "utf8"));
  expect(read()).toEqual({ permissions: { allow: ["Bash(ls:*)"] }, sandbox: { enabled: false } });
  const prompt = await run("/sandbox prompt", "--trust");
  expect(prompt.stdout).toContain("Sandbox: on, with the usual prompts");
  expect(read().sandbox).toEqual({ enabled: true, autoAllowBashIfSandboxed: false });
  const wrong = await run("/sandbox maybe");
  expect(wrong.stdout).toContain('Unknown /sandbox argument "maybe"');
});

test.skipIf(!linux)("/doctor says whether the sandbox works here, and why not", async () => {
  const { run } = project();
  const works = await run("/doctor");
  expect(works.stdout).toMatch(/✓ sandbox: \S*bwrap works here; it is off \(\/sandbox or sandbox.enabled turns it on\)/);
  const broken = await run("/doctor", "--sandbox", "--settings", JSON.stringify({ sandbox: { bwrapPath: "/nowhere/bwrap" } }));
  expect(broken.stdout).toContain("✗ sandbox unavailable: sandbox.bwrapPath /nowhere/bwrap does not exist; Bash commands run unsandboxed");
});

test.skipIf(!linux)("in the REPL a sandboxed command runs without a prompt and is marked sandboxed", async () => {
  const { term, work } = await started(
    { turns: [[{ type: "tool_use", name: "Bash", input: { command: "echo made > made.txt && echo ok" } }], [{ type: "text", text: "Finished." }]] },
    { args: ["--sandbox"] },
  );
  term.submit("create the file");
  const done = await term.waitFor("Finished.");
  expect(done).toContain("● Bash echo made > made.txt && echo ok · sandboxed");
  expect(done).not.toContain("Do you want to proceed?");
  expect(readFileSync(join(work, "made.txt"), "utf8")).toBe("made\n");
});
