// Which Bash calls run sandboxed, and what the permission engine makes of it: auto-allowed,
// while deny and ask rules still decide first.
import { describe, expect, test } from "bun:test";
import type { SandboxSettings } from "../../src/config/sandbox-settings.ts";
import { analyseCommand } from "../../src/permissions/bash-readonly.ts";
import { PermissionEngine } from "../../src/permissions/engine.ts";
import { parseRule, type Rule } from "../../src/permissions/rules.ts";
import { failureHint } from "../../src/sandbox/hints.ts";
import { SandboxSwitch } from "../../src/sandbox/switch.ts";
import bash from "../../tools/bash.ts";
import { tempDir } from "../support/tmp.ts";
import { homedir } from "node:os";
import { join } from "node:path";

const dir = tempDir("nanocode-switch-");
const around = { projectDir: dir, workingDirs: () => [dir], denyPatterns: () => [] };
const on = (settings: SandboxSettings = {}) => new SandboxSwitch({ enabled: true, ...settings }, around);
const verdict = async (sandbox: SandboxSwitch, command: string, unsandboxed = false) => sandbox.verdict(command, await analyseCommand(command, dir), unsandboxed);

describe("sandbox verdicts", () => {
  test("on: any command runs sandboxed and may run without asking", async () => {
    expect(await verdict(on(), "npm test && rm -rf build")).toEqual({ runs: "sandboxed", autoAllow: true });
  });

  test("off (the default), nothing is sandboxed", async () => {
    expect((await verdict(new SandboxSwitch({}, around), "npm test")).runs).toBe("unsandboxed");
  });

  test("autoAllowBashIfSandboxed: false keeps the prompts", async () => {
    expect(await verdict(on({ autoAllowBashIfSandboxed: false }), "npm test")).toEqual({ runs: "sandboxed", autoAllow: false });
  });

  test("excludedCommands run outside: a bare name covers its arguments, in any part of the command", async () => {
    const sandbox = on({ excludedCommands: ["docker", "git push:*"] });
    for (const command of ["docker ps", "docker", "ls && docker run x", "git push origin main", "echo hi | git push"]) {
      expect({ command, runs: (await verdict(sandbox, command)).runs }).toEqual({ command, runs: "unsandboxed" });
    }
    for (const command of ["dockerd", "git pushy", "echo docker", "git status"]) {
      expect({ command, runs: (await verdict(sandbox, command)).runs }).toEqual({ command, runs: "sandboxed" });
    }
  });

  test("dangerouslyDisableSandbox runs outside only while allowUnsandboxedCommands allows it", async () => {
    expect((await verdict(on(), "npm test", true)).runs).toBe("unsandboxed");
    expect((await verdict(on({ allowUnsandboxedCommands: false }), "npm test", true)).runs).toBe("sandboxed");
  });

  test("unavailable: unsandboxed with the usual prompts, or refused with failIfUnavailable, in one line", async () => {
    const missing = on({ bwrapPath: "/nowhere/bwrap" });
    expect(await verdict(missing, "npm test")).toEqual({ runs: "unsandboxed", why: "the sandbox is unavailable (sandbox.bwrapPath /nowhere/bwrap does not exist)" });
    expect(await missing.unavailableLine()).toBe("sandbox unavailable: sandbox.bwrapPath /nowhere/bwrap does not exist; Bash commands run unsandboxed, with the usual permission prompts");
    const strict = on({ bwrapPath: "/nowhere/bwrap", failIfUnavailable: true });
    expect((await verdict(strict, "npm test")).runs).toBe("refused");
    expect(await strict.unavailableLine()).toContain("Bash commands are refused (sandbox.failIfUnavailable)");
    expect(await on().unavailableLine()).toBeUndefined();
  });

  test("prepare gives nothing to wrap when the call runs outside", async () => {
    expect(await new SandboxSwitch({}, around).prepare("npm test", { cwd: dir })).toBeUndefined();
    expect(await on({ excludedCommands: ["npm"] }).prepare("npm test", { cwd: dir })).toBeUndefined();
    expect(await on().prepare("npm test", { cwd: dir, unsandboxed: true })).toBeUndefined();
    await expect(on({ bwrapPath: "/nowhere/bwrap", failIfUnavailable: true }).prepare("npm test", { cwd: dir })).rejects.toThrow("sandbox.failIfUnavailable");
  });
});

const rules = (behavior: Rule["behavior"], ...texts: string[]): Rule[] => texts.map((text) => ({ behavior, text, source: "test", ...(parseRule(text) as Omit<Rule, "behavior" | "text" | "source">) }));

describe("the permission engine with the sandbox on", () => {
  const engine = (sandbox: SandboxSwitch, ruleList: Rule[] = [], mode: "default" | "plan" = "default") => new PermissionEngine({ mode, rules: ruleList, projectDir: dir, sandbox });
  const check = (e: PermissionEngine, input: Record<string, unknown>) => e.check({ tool: bash, input, readOnly: false, toolUseId: "t", cwd: dir }, new AbortController().signal);

  test("a command that would ask runs without a prompt", async () => {
    expect((await check(engine(on()), { command: "npm test" })).behavior).toBe("allow");
    expect((await check(engine(on()), { command: "python3 -c 'import os'; make build" })).behavior).toBe("allow");
  });

  test("deny rules still deny, ask rules still ask (nobody answers here, so it is refused)", async () => {
    const denied = await check(engine(on(), rules("deny", "Bash(npm publish:*)")), { command: "npm publish" });
    expect(denied).toMatchObject({ behavior: "deny", message: expect.stringContaining("denied by the rule Bash(npm publish:*)") });
    const asked = await check(engine(on(), rules("ask", "Bash(git push:*)")), { command: "git push" });
    expect(asked).toMatchObject({ behavior: "deny", message: expect.stringContaining("asks for confirmation") });
  });

  test("a read a Read deny rule covers is still refused", async () => {
    const e = engine(on(), rules("deny", "Read(./.env)"));
    expect(await check(e, { command: "cat .env" })).toMatchObject({ behavior: "deny" });
  });

  test("excluded, outside the sandbox on request, or with the sandbox off, the usual analysis asks", async () => {
    for (const [sandbox, input] of [
      [on({ excludedCommands: ["npm"] }), { command: "npm test" }],
      [on(), { command: "npm test", dangerouslyDisableSandbox: true }],
      [new SandboxSwitch({}, around), { command: "npm test" }],
      [on({ autoAllowBashIfSandboxed: false }), { command: "npm test" }],
    ] as const) {
      expect(await check(engine(sandbox), input)).toMatchObject({ behavior: "deny", message: expect.stringContaining("needs approval") });
    }
  });

  test("plan mode still refuses what is not read-only", async () => {
    expect(await check(engine(on(), [], "plan"), { command: "npm test" })).toMatchObject({ behavior: "deny", message: expect.stringContaining("plan mode") });
  });

  test("Edit allow rules and WebFetch domain rules widen the sandbox as in Claude Code", () => {
    const e = engine(on(), [...rules("allow", "Edit(~/.kube/**)", "Write(//opt/cache/*.json)", "WebFetch(domain:github.com)", "Read(./x)"), ...rules("deny", "WebFetch(domain:evil.test)", "Edit(./secret)")]);
    const grants = e.book.sandboxGrants();
    expect(grants.writable).toEqual([join(homedir(), ".kube"), "/opt/cache"]);
    expect(grants.allowedDomains).toEqual(["github.com"]);
    expect(grants.deniedDomains).toEqual(["evil.test"]);
  });

  test("failIfUnavailable refuses every Bash call when the sandbox cannot run", async () => {
    expect(await check(engine(on({ bwrapPath: "/nowhere/bwrap", failIfUnavailable: true })), { command: "ls" })).toMatchObject({ behavior: "deny", message: expect.stringContaining("sandbox.failIfUnavailable") });
  });
});

describe("failure hints", () => {
  const policy = { writable: ["/p"], readOnly: [], hidden: [], absent: { folders: [], files: [] }, network: { allowed: ["github.com"], denied: [] } };
  test("a write outside names allowWrite and the way to run it outside", () => {
    const hint = failureHint("bash: /home/u/x: Read-only file system", policy, {});
    expect(hint).toContain("sandbox.filesystem.allowWrite");
    expect(hint).toContain("dangerouslyDisableSandbox");
    expect(failureHint("bash: /home/u/x: Read-only file system", policy, { allowUnsandboxedCommands: false })).not.toContain("dangerouslyDisableSandbox");
  });
  test("a missing file in the real /tmp is the private /tmp; in a writable folder under /tmp it is just missing", () => {
    expect(failureHint("bash: /tmp/other/o.txt: No such file or directory", policy, {})).toContain("/tmp is private");
    expect(failureHint("cat: /tmp/p/x: No such file or directory", { ...policy, writable: ["/tmp/p"] }, {})).toBeUndefined();
  });
  test("network failures name allowedDomains; hosts the proxy blocked are named", () => {
    expect(failureHint("curl: (6) Could not resolve host: example.com", policy, {})).toContain("reach only github.com");
    expect(failureHint("curl: (56) CONNECT tunnel failed, response 403", policy, {}, ["evil.test"])).toContain('add "evil.test" to sandbox.network.allowedDomains');
  });
  test("a Unix socket refused names allowAllUnixSockets", () => {
    expect(failureHint("ConnectionError: connect /var/run/docker.sock: operation not permitted", policy, {})).toContain("sandbox.network.allowAllUnixSockets");
  });
  test("an ordinary failure gets no hint", () => {
    expect(failureHint("FAIL src/a.test.ts: expected 1 to be 2", policy, {})).toBeUndefined();
  });
});
