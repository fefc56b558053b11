// Every kind of bad configuration at once, against the compiled binary in print mode: FIFOs, links
// to /dev/zero and link loops where settings, memory, agents, commands, skills, rules and .mcp.json
// belong (start-up must not hang), `.nanocode` that is a file, a repeated `permissions` key whose
// deny rule must still hold, rules naming no tool, hook event typos, a matcher that does not
// compile, `mcpServers` as a list, an empty --disallowedTools.
// Each is one line on stderr naming its file and field; the run goes on and the deny rule applies.

import { afterEach, expect, test } from "bun:test";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runNanocode } from "../support/run.ts";
import { envFor, type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { put, tempDir } from "../support/tmp.ts";

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

const fifo = (path: string) => expect(Bun.spawnSync(["mkfifo", path]).exitCode).toBe(0);

const SETTINGS = `{
  "permissions": { "deny": ["Bash(rm:*)"] },
  "permissions": { "allow": ["Read", "bash(touch:*)", "Reed(x)"], "deny": ["bash(curl:*)"] },
  "hooks": {
    "PreTooluse": [{ "matcher": "Bash", "hooks": [{ "type": "command", "command": "touch hook-ran" }] }],
    "sessionStart": [{ "hooks": [{ "type": "command", "command": "touch hook-ran" }] }],
    "PostToolUse": [{ "matcher": "Bash(", "hooks": [{ "type": "command", "command": "touch hook-ran" }] }]
  },
  "mcpServers": [{ "command": "never-started" }]
}`;

test("each bad setting is one line naming file and field, start-up does not hang, and the repeated key's deny rule still holds", async () => {
  const work = tempDir("nanocode-bad-config-");
  const home = tempDir("nanocode-bad-config-home-");
  const at = (...parts: string[]) => join(work, ...parts);
  mkdirSync(join(home, ".claude"));
  fifo(join(home, ".claude", "settings.json"));
  put(at(".claude", "settings.json"), SETTINGS);
  symlinkSync("/dev/zero", at(".claude", "settings.local.json"));
  writeFileSync(at(".nanocode"), "a file where a folder belongs");
  symlinkSync("CLAUDE.md", at("CLAUDE.md"));
  fifo(at(".mcp.json"));
  mkdirSync(at(".claude", "agents"));
  symlinkSync("/dev/zero", at(".claude", "agents", "zero.md"));
  mkdirSync(at(".claude", "commands"));
  fifo(at(".claude", "commands", "pipe.md"));
  mkdirSync(at(".claude", "skills", "loop"), { recursive: true });
  symlinkSync("SKILL.md", at(".claude", "skills", "loop", "SKILL.md"));
  mkdirSync(at(".claude", "rules"));
  fifo(at(".claude", "rules", "pipe.md"));
  put(at("victim"), "keep me\n");

  server = startScriptedServer({
    workdir: work,
    home,
    turns: [
      [{ type: "tool_use", name: "Bash", input: { command: "rm victim" } }],
      [{ type: "tool_use", name: "Bash", input: { command: "curl http://127.0.0.1:9" } }],
      [{ type: "text", text: "done" }],
    ],
  });
  // --trust: the project's whole configuration is read, so each of its mistakes is reported.
  const { code, stdout, stderr } = await runNanocode(["-p", "go", "--output-format", "json", "--disallowedTools", "", "--trust"], { cwd: work, env: envFor("anthropic", server, home), timeoutMs: 10_000 });
  // It ran to its end (not killed by the timeout): print mode's exit code after a denied call is 1.
  const result = JSON.parse(stdout);
  expect([code, result.result, result.terminal_reason]).toEqual([1, "done", "permission_denied"]);
  // The deny rule of the first `permissions` block, which JSON.parse alone would have lost.
  expect(await Bun.file(at("victim")).exists()).toBe(true);
  expect(result.permission_denials.map((d: { tool_input: { command: string } }) => d.tool_input.command)).toEqual(["rm victim", "curl http://127.0.0.1:9"]);
  expect(JSON.stringify(server.requests[1]!.body.messages)).toContain("has been denied by the rule Bash(rm:*)");
  expect(JSON.stringify(server.requests[2]!.body.messages)).toContain("has been denied by the rule Bash(curl:*)");
  expect(await Bun.file(at("hook-ran")).exists()).toBe(false);

  const settings = at(".claude", "settings.json");
  expect(stderr.trim().split("\n").sort()).toEqual(
    [
      `${join(home, ".claude", "settings.json")}: is a FIFO (named pipe), not a regular file; this file is ignored`,
      `${settings}: field "permissions" is given 2 times in one object; the last is used, with the deny and ask rules of every one kept`,
      `${settings}: field "hooks.PreTooluse": no hook event has this name (did you mean "PreToolUse"?); that field is ignored`,
      `${settings}: field "hooks.sessionStart": no hook event has this name (did you mean "SessionStart"?); that field is ignored`,
      `${settings}: field "hooks.PostToolUse.0": the matcher "Bash(" is not a valid regular expression (Invalid regular expression: missing )), so these hooks would never run; that field is ignored`,
      `${settings}: field "mcpServers": must be an object of names and values, not a list; that field is ignored`,
      `${at(".nanocode")}: is a file, not a folder; the settings, skills, commands, agents and rules it would hold are not read`,
      `${at(".claude", "settings.local.json")}: is a character device, not a regular file; this file is ignored`,
      `${at(".mcp.json")}: is a FIFO (named pipe), not a regular file; no MCP servers read from it`,
      `${settings}: permissions.deny: "bash(curl:*)" names no tool "bash" (tool names are case-sensitive); it is applied as "Bash(curl:*)", the tool it means`,
      `${settings}: permissions.allow: "bash(touch:*)" names no tool "bash" (tool names are case-sensitive: did you mean "Bash(touch:*)"?); this allow rule is not applied`,
      `${settings}: permissions.allow: "Reed(x)" names no tool "Reed" (did you mean "Read(x)"?), so it matches nothing`,
      `--disallowedTools "": names no tool, so it denies nothing`,
      `${at("CLAUDE.md")}: too many symbolic links (ELOOP); this memory file is skipped`,
      `${at(".claude", "agents", "zero.md")}: is a character device, not a regular file; this agent is skipped`,
      `${at(".claude", "commands", "pipe.md")}: is a FIFO (named pipe), not a regular file; skipped`,
      `${at(".claude", "skills", "loop", "SKILL.md")}: too many symbolic links (ELOOP); skipped`,
      `${at(".claude", "rules", "pipe.md")}: is a FIFO (named pipe), not a regular file; this rule is ignored`,
    ]
      .map((line) => `nanocode: ${line}`)
      .sort(),
  );
});
