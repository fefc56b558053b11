// A hooks showcase as people publish them (test/fixtures/hooks-showcase: settings calling one
// script per event) run through the compiled binary: each event fires with Claude Code's input
// fields, its output acts as documented, and a valid setup prints nothing on stderr.

import { afterEach, expect, test } from "bun:test";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ScriptTurn } from "../../src/model/script.ts";
import { runNanocode } from "../support/run.ts";
import { type Reply, type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

const FIXTURE = join(import.meta.dir, "../fixtures/hooks-showcase");
let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

type HookInput = Record<string, unknown> & { hook_event_name: string };

function showcase(): string {
  const dir = tempDir("nanocode-showcase-");
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

/** Every hook's stdin, in the order the hooks ran; each run's files are taken away. */
function taken(dir: string): HookInput[] {
  const logDir = join(dir, ".hooklog");
  if (!existsSync(logDir)) return [];
  const files = readdirSync(logDir).sort();
  const inputs = files.map((f) => JSON.parse(readFileSync(join(logDir, f), "utf8")) as HookInput);
  for (const f of files) Bun.spawnSync(["rm", join(logDir, f)]);
  return inputs;
}

async function run(dir: string, home: string, args: string[]) {
  const out = await runNanocode(["-p", "--trust", "--output-format", "json", ...args], { cwd: dir, env: { HOME: home, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server!.url } });
  return { ...out, result: out.stdout ? JSON.parse(out.stdout) : undefined };
}

const turns: ScriptTurn[] = [
  // One round of two calls: a failing command and a read.
  [
    { type: "tool_use", name: "Bash", input: { command: "false" } },
    { type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/note.txt" } },
  ],
  [{ type: "tool_use", name: "Bash", input: { command: "rm -rf build" } }],
  [{ type: "text", text: "done" }],
];

test("the showcase's every raised event fires with Claude Code's fields, in order, with one prompt_id; stderr stays empty", async () => {
  const dir = showcase();
  const home = tempDir("nanocode-home-");
  server = startScriptedServer({ turns, workdir: dir, home });
  const { result, stderr } = await run(dir, home, ["go", "--allowedTools", "Bash"]);
  expect(stderr).toBe("");
  expect(result.result).toBe("done");
  const inputs = taken(dir);
  const names = inputs.map((i) => `${i.hook_event_name}${i.tool_name ? `:${i.tool_name}` : ""}`);
  expect(names.slice(0, 3)).toEqual(["InstructionsLoaded", "SessionStart", "UserPromptSubmit"]);
  // The two calls of the first round run side by side: their hooks may interleave, the batch follows both.
  expect(names.slice(3, 6).sort()).toEqual(["PostToolUse:Read", "PostToolUseFailure:Bash", "PreToolUse:Bash"]);
  expect(names.slice(6)).toEqual(["PostToolBatch", "PreToolUse:Bash", "PostToolBatch", "Stop", "SessionEnd"]);
  const byEvent = (name: string) => inputs.filter((i) => i.hook_event_name === name);
  // Common fields: the session, its transcript, the folder, the mode and the effort; prompt_id from the first prompt on.
  for (const input of inputs) {
    expect(input).toMatchObject({ session_id: result.session_id, cwd: dir, effort: { level: "low" } });
    expect(typeof input.transcript_path).toBe("string");
  }
  const promptId = byEvent("UserPromptSubmit")[0]!.prompt_id;
  expect(promptId).toMatch(/^[0-9a-f-]{36}$/);
  for (const input of inputs) expect(input.prompt_id).toBe(["InstructionsLoaded", "SessionStart"].includes(input.hook_event_name) ? undefined : promptId);
  expect(byEvent("InstructionsLoaded")).toEqual([expect.objectContaining({ file_path: join(dir, "CLAUDE.md"), memory_type: "Project", load_reason: "session_start" })]);
  expect(byEvent("SessionStart")[0]).toMatchObject({ source: "startup" });
  expect(byEvent("PostToolUseFailure")[0]).toMatchObject({ tool_name: "Bash", tool_input: { command: "false" }, tool_use_id: "toolu_script_001_0", error: "Exit code 1", is_interrupt: false });
  expect(byEvent("PostToolUseFailure")[0]!.tool_response).toBeUndefined();
  expect(byEvent("PostToolUse")).toEqual([expect.objectContaining({ tool_name: "Read", tool_use_id: "toolu_script_001_1" })]);
  expect(byEvent("PostToolBatch")[0]!.tool_calls).toEqual([
    { tool_name: "Bash", tool_input: { command: "false" }, tool_use_id: "toolu_script_001_0", error: "Exit code 1" },
    { tool_name: "Read", tool_input: { file_path: join(dir, "note.txt") }, tool_use_id: "toolu_script_001_1", tool_response: expect.stringContaining("note") },
  ]);
  expect(byEvent("Stop")[0]).toMatchObject({ stop_hook_active: false, last_assistant_message: "done" });
  expect(byEvent("SessionEnd")[0]).toMatchObject({ reason: "other" });
  // What the hooks said reached the model where Claude Code puts it.
  const sent = server.requests.map((r) => JSON.stringify(r.body.messages));
  expect(sent[0]).toContain("SessionStart:startup hook success: Branch: showcase (from session-start.sh)");
  expect(sent[0]).toContain("UserPromptSubmit hook additional context: PROMPT_CTX");
  expect(sent[1]).toContain("PostToolUseFailure:Bash hook additional context: FAILURE_CTX");
  expect(sent[1]).toContain("PostToolUse:Read hook additional context: POST_CTX");
  expect(sent[1]).toContain("PostToolBatch hook additional context: BATCH_CTX");
  // The PreToolUse guard blocked rm -rf, with its reason for the model, and it never ran.
  expect(sent[2]).toContain("Blocked: rm -rf is not allowed");
  expect(result.permission_denials).toEqual([expect.objectContaining({ tool_name: "Bash", tool_input: { command: "rm -rf build" } })]);
});

test("compaction raises PreCompact, then PostCompact with the summary, then SessionStart with source compact", async () => {
  const dir = showcase();
  const home = tempDir("nanocode-home-");
  server = startScriptedServer({ reply: () => [{ type: "text", text: "SUMMARY_TEXT" }], workdir: dir, home });
  await run(dir, home, ["hello"]);
  taken(dir);
  const { stderr } = await run(dir, home, ["--continue", "/compact"]);
  expect(stderr).toBe("");
  const inputs = taken(dir).filter((i) => i.hook_event_name.endsWith("Compact") || i.source === "compact");
  expect(inputs.map((i) => i.hook_event_name)).toEqual(["PreCompact", "PostCompact", "SessionStart"]);
  expect(inputs[1]).toMatchObject({ trigger: "manual", compact_summary: expect.stringContaining("SUMMARY_TEXT") });
});

test("an API error that ends the turn raises StopFailure with its error_type; Stop does not run; what the hook prints goes nowhere", async () => {
  const dir = showcase();
  const home = tempDir("nanocode-home-");
  const refuse = (status: number, type: string): Reply => new Response(JSON.stringify({ type: "error", error: { type, message: "REFUSED_BY_SERVER" } }), { status, headers: { "content-type": "application/json" } });
  for (const [status, type, errorType] of [
    [401, "authentication_error", "authentication_failed"],
    [400, "invalid_request_error", "invalid_request"],
  ] as const) {
    server = startScriptedServer({ reply: () => refuse(status, type), workdir: dir, home });
    const { result, stdout } = await run(dir, home, ["hello"]);
    server.stop();
    expect(stdout).not.toContain("StopFailure output");
    expect(result.is_error).toBe(true);
    const inputs = taken(dir);
    expect(inputs.some((i) => i.hook_event_name === "Stop")).toBe(false);
    // The matcher lists authentication_failed, not invalid_request.
    const failures = inputs.filter((i) => i.hook_event_name === "StopFailure");
    if (errorType === "invalid_request") expect(failures).toEqual([]);
    else expect(failures).toEqual([expect.objectContaining({ error_type: errorType, error: String(status), error_message: expect.stringContaining("HTTP 401") })]);
  }
});

test("a tool that fails raises PostToolUseFailure with its error (exit 2 feeds stderr to the model); PostToolBatch's continue: false ends the run after the round", async () => {
  const dir = showcase();
  const script = (name: string, body: string) => writeFileSync(join(dir, `.claude/hooks/${name}.sh`), `#!/bin/bash\n. "$CLAUDE_PROJECT_DIR/.claude/hooks/log.sh"\n${body}\n`);
  script("post-tool-use-failure", 'echo "READ_FAILED_NOTE" >&2; exit 2');
  script("post-tool-batch", `echo '{"continue":false,"stopReason":"BATCH_HALT"}'`);
  const home = tempDir("nanocode-home-");
  server = startScriptedServer({ turns: [[{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/missing.txt" } }], [{ type: "text", text: "never asked" }]], workdir: dir, home });
  const { result, stderr } = await run(dir, home, ["go"]);
  expect(stderr).toBe("");
  expect(server.requests).toHaveLength(1);
  expect(result).toMatchObject({ is_error: true, result: "PostToolBatch hook stopped the run: BATCH_HALT" });
  const inputs = taken(dir);
  const failure = inputs.find((i) => i.hook_event_name === "PostToolUseFailure")!;
  expect(failure).toMatchObject({ tool_name: "Read", tool_input: { file_path: join(dir, "missing.txt") }, is_interrupt: false });
  expect(String(failure.error)).toContain("does not exist");
  // The round's results are kept (the run stopped after them), the hook's stderr with them.
  expect(readFileSync(String(failure.transcript_path), "utf8")).toContain("PostToolUseFailure:Read hook blocking error from command");
  expect(inputs.some((i) => i.hook_event_name === "PostToolUse")).toBe(false);
  expect(inputs.find((i) => i.hook_event_name === "PostToolBatch")!.tool_calls).toEqual([expect.objectContaining({ tool_name: "Read", error: failure.error })]);
});

test("a cd that moves the session raises CwdChanged with the old and new folder; a Bash call that stays raises none", async () => {
  const dir = showcase();
  const home = tempDir("nanocode-home-");
  const bash = (command: string): ScriptTurn => [{ type: "tool_use", name: "Bash", input: { command } }];
  server = startScriptedServer({ turns: [bash("pwd"), bash("cd sub"), bash("cat inner.txt"), [{ type: "text", text: "done" }]], workdir: dir, home });
  const { stderr } = await run(dir, home, ["go", "--allowedTools", "Bash"]);
  expect(stderr).toBe("");
  const moves = taken(dir).filter((i) => i.hook_event_name === "CwdChanged");
  expect(moves).toEqual([expect.objectContaining({ old_cwd: dir, new_cwd: join(dir, "sub"), cwd: join(dir, "sub") })]);
  expect(JSON.stringify(server.requests.at(-1)!.body.messages)).toContain("inside");
});

test("a /command typed by the user raises UserPromptExpansion with its expansion; its context goes with the prompt, exit 2 keeps it from being sent", async () => {
  const dir = showcase();
  const home = tempDir("nanocode-home-");
  server = startScriptedServer({ turns: [[{ type: "text", text: "reviewed" }]], workdir: dir, home });
  const { stderr, result } = await run(dir, home, ["/review src/app"]);
  expect(stderr).toBe("");
  expect(result.result).toBe("reviewed");
  const inputs = taken(dir);
  const expansion = inputs.filter((i) => i.hook_event_name === "UserPromptExpansion");
  expect(expansion).toEqual([expect.objectContaining({ expansion_type: "slash_command", command_name: "review", command_args: "src/app", command_source: "skill", prompt: expect.stringContaining("Review the changes in src/app") })]);
  // UserPromptSubmit still runs, on the prompt the command became.
  expect(inputs.map((i) => i.hook_event_name)).toContain("UserPromptSubmit");
  expect(JSON.stringify(server.requests[0]!.body.messages)).toContain("UserPromptExpansion hook additional context: EXPANSION_CTX");

  server.stop();
  server = startScriptedServer({ turns: [[{ type: "text", text: "deployed" }]], workdir: dir, home });
  const blocked = await run(dir, home, ["/deploy"]);
  expect(server.requests).toHaveLength(0);
  expect(blocked.result.is_error).toBe(true);
  expect(blocked.result.result).toContain("Deploys are frozen this week");
  expect(taken(dir).map((i) => i.hook_event_name)).not.toContain("UserPromptSubmit");
});

test("events Claude Code documents that nanocode does not raise are accepted, named in one line at start-up, and the rest run", async () => {
  const dir = showcase();
  const settingsPath = join(dir, ".claude/settings.json");
  const settings = JSON.parse(readFileSync(settingsPath, "utf8"));
  const hook = [{ hooks: [{ type: "command", command: "true" }] }];
  for (const event of ["Setup", "TeammateIdle", "FileChanged", "Elicitation"]) settings.hooks[event] = hook;
  writeFileSync(settingsPath, JSON.stringify(settings));
  const home = tempDir("nanocode-home-");
  server = startScriptedServer({ turns: [[{ type: "text", text: "hi" }]], workdir: dir, home });
  const { stderr, result } = await run(dir, home, ["hello"]);
  expect(stderr).toBe("nanocode: hooks for Setup, TeammateIdle, FileChanged, Elicitation will not run: these events do not happen in nanocode yet\n");
  expect(result.result).toBe("hi");
  expect(taken(dir).map((i) => i.hook_event_name)).toContain("UserPromptSubmit");
});

test("a hook event Claude Code does not know is still one line naming the file and the key", async () => {
  const dir = showcase();
  writeFileSync(join(dir, ".claude/settings.json"), JSON.stringify({ hooks: { PostToolUsed: [{ hooks: [{ type: "command", command: "true" }] }] } }));
  const home = tempDir("nanocode-home-");
  server = startScriptedServer({ turns: [[{ type: "text", text: "hi" }]], workdir: dir, home });
  const { stderr } = await run(dir, home, ["hello"]);
  expect(stderr.trim().split("\n")).toHaveLength(1);
  expect(stderr).toContain(".claude/settings.json");
  expect(stderr).toContain("PostToolUsed");
});
