// Hooks through the compiled binary in print mode, one test per case Claude Code 2.1.328 was
// recorded with (shared/conformance/claude-code-2.1.328/config/hook_*.json), plus exit codes,
// timeouts, stdin fields and environment.

import { afterEach, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Message, ToolResultBlock } from "../../src/model/messages.ts";
import type { ScriptTurn } from "../../src/model/script.ts";
import { EVERYTHING } from "../support/mcp-servers.ts";
import { runNanocode } from "../support/run.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

const bash = (command: string) => [{ type: "tool_use" as const, name: "Bash", input: { command } }];
const say = (text: string) => [{ type: "text" as const, text }];
const hookCommand = (name: string) => `bash "$CLAUDE_PROJECT_DIR"/.claude/hooks/${name}.sh`;

/** A project whose settings run `scripts` (name → bash body) for `events` (event → [matcher, script names]); `fields` adds settings to a script's hooks (name → fields). */
function project(events: Record<string, Array<[string | undefined, string[]]>>, scripts: Record<string, string>, fields: Record<string, Record<string, unknown>> = {}): string {
  const dir = tempDir("nanocode-hooks-");
  const hooks = Object.fromEntries(
    Object.entries(events).map(([event, groups]) => [event, groups.map(([matcher, names]) => ({ ...(matcher ? { matcher } : {}), hooks: names.map((n) => ({ type: "command", command: hookCommand(n), ...fields[n] })) }))]),
  );
  mkdirSync(join(dir, ".claude/hooks"), { recursive: true });
  writeFileSync(join(dir, ".claude/settings.json"), JSON.stringify({ hooks }));
  // Every hook keeps its stdin and a few variables, as the recorded fixtures did.
  const log = 'HOOK_IN=$(cat); mkdir -p "$CLAUDE_PROJECT_DIR/.hooklog"; f="$CLAUDE_PROJECT_DIR/.hooklog/$(date +%s%N)-$$"; printf %s "$HOOK_IN" > "$f.json"; printf "%s\\n%s\\n%s" "$PWD" "$NANOCODE_PROJECT_DIR" "$CLAUDE_PROJECT_DIR" > "$f.env"\n';
  for (const [name, body] of Object.entries(scripts)) writeFileSync(join(dir, `.claude/hooks/${name}.sh`), `#!/bin/bash\n${log}${body}\n`);
  writeFileSync(join(dir, "note.txt"), "note\n");
  return dir;
}

/** Every hook's stdin, in the order they ran. */
function hookInputs(dir: string): Array<Record<string, unknown>> {
  const logDir = join(dir, ".hooklog");
  if (!existsSync(logDir)) return [];
  return readdirSync(logDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(logDir, f), "utf8")));
}

async function run(dir: string, turns: ScriptTurn[], prompt = "go", args: string[] = []) {
  const home = tempDir("nanocode-home-");
  server = startScriptedServer({ turns, workdir: dir, home });
  // The hooks are the project's (.claude/settings.json): every run in this file trusts the folder (--trust).
  const out = await runNanocode(["-p", "--trust", prompt, "--output-format", "json", ...args], { cwd: dir, env: { HOME: home, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url } });
  const result = out.stdout ? JSON.parse(out.stdout) : undefined;
  const requests = server.requests.map((r) => r.body.messages);
  return { result, requests, stderr: out.stderr, code: out.code, home };
}

const resultsIn = (messages: Message[]) => messages.flatMap((m) => (m.role === "user" && Array.isArray(m.content) ? m.content.filter((b): b is ToolResultBlock => b.type === "tool_result") : []));
const textsOf = (message: Message | undefined) => (message && Array.isArray(message.content) ? message.content.flatMap((b) => (b.type === "text" ? [b.text] : [])) : []);

test("PreToolUse exit 2: the call does not run, stderr goes to the model, the call is a denial; a Bash matcher skips Read", async () => {
  const dir = project({ PreToolUse: [["Bash", ["pre"]]] }, { pre: 'echo "HOOK_EXIT2_REASON: Bash is blocked" >&2\nexit 2' });
  const { result, requests } = await run(dir, [bash("touch ran.txt"), [{ type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/note.txt" } }], say("last: {{last_tool_result_first_line}}")]);
  const [denied, read] = resultsIn(requests.at(-1)!);
  expect(denied).toMatchObject({ is_error: true, content: `PreToolUse:Bash hook error: [${hookCommand("pre")}]: HOOK_EXIT2_REASON: Bash is blocked\n` });
  expect(read!.is_error).toBeFalsy();
  expect(existsSync(join(dir, "ran.txt"))).toBe(false);
  expect(result.permission_denials).toEqual([{ tool_name: "Bash", tool_use_id: "toolu_script_001_0", tool_input: { command: "touch ran.txt" } }]);
  const inputs = hookInputs(dir);
  expect(inputs).toHaveLength(1);
  expect(inputs[0]).toMatchObject({ session_id: result.session_id, cwd: dir, permission_mode: "default", hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command: "touch ran.txt" }, tool_use_id: "toolu_script_001_0" });
  expect(typeof inputs[0]!.transcript_path).toBe("string");
});

test("PreToolUse JSON deny, allow (a call print mode would refuse runs) and ask (refused with the reason)", async () => {
  const json = (decision: string, reason: string) => `cat <<'JSON'\n{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"${decision}","permissionDecisionReason":"${reason}"}}\nJSON`;
  const dir = project({ PreToolUse: [["Bash", ["pre"]]] }, { pre: `if printf %s "$HOOK_IN" | grep -q DENY_ME; then ${json("deny", "R_DENY")}\nelif printf %s "$HOOK_IN" | grep -q ASK_ME; then ${json("ask", "R_ASK")}\nelse ${json("allow", "R_ALLOW")}\nfi` });
  const { result, requests } = await run(dir, [bash("echo DENY_ME"), bash("touch hook-allowed.txt"), bash("echo ASK_ME"), say("done")]);
  const results = resultsIn(requests.at(-1)!);
  expect(results.map((r) => [r.content, r.is_error ?? false])).toEqual([
    ["PreToolUse:Bash hook error: R_DENY", true],
    ["(Bash completed with no output)", false],
    ["R_ASK", true],
  ]);
  expect(existsSync(join(dir, "hook-allowed.txt"))).toBe(true);
  expect(result.permission_denials.map((d: { tool_input: { command: string } }) => d.tool_input.command)).toEqual(["echo DENY_ME", "echo ASK_ME"]);
});

test("PreToolUse updatedInput: runs the new input; without a decision the new input is checked as usual", async () => {
  const updated = (command: string, decision = "") => `cat <<'JSON'\n{"hookSpecificOutput":{"hookEventName":"PreToolUse",${decision}"updatedInput":{"command":"${command}"}}}\nJSON`;
  const dir = project(
    { PreToolUse: [["Bash", ["pre"]]] },
    { pre: `if printf %s "$HOOK_IN" | grep -q ORIGINAL_A; then ${updated("echo REWRITTEN_A")}\nelif printf %s "$HOOK_IN" | grep -q ORIGINAL_C; then ${updated("touch rewritten-c.txt")}\nelse ${updated("touch rewritten-b.txt", '"permissionDecision":"allow",')}\nfi` },
  );
  const { result, requests } = await run(dir, [bash("echo ORIGINAL_A"), bash("touch original-b.txt"), bash("echo ORIGINAL_C"), say("done")]);
  const results = resultsIn(requests.at(-1)!);
  expect(results[0]!.content).toBe("REWRITTEN_A");
  expect(existsSync(join(dir, "rewritten-b.txt"))).toBe(true);
  expect(existsSync(join(dir, "original-b.txt"))).toBe(false);
  expect(results[2]!.is_error).toBe(true);
  expect(existsSync(join(dir, "rewritten-c.txt"))).toBe(false);
  expect(result.permission_denials).toEqual([{ tool_name: "Bash", tool_use_id: "toolu_script_003_0", tool_input: { command: "touch rewritten-c.txt" } }]);
  // The model's own call keeps its original input in the history.
  expect(JSON.stringify(requests.at(-1))).toContain("echo ORIGINAL_A");
});

test("PostToolUse: the result stays; additionalContext, a block decision and exit 2 follow it as text for the model", async () => {
  const dir = project(
    { PostToolUse: [["Bash", ["post"]]] },
    {
      post: `if printf %s "$HOOK_IN" | grep -q POST_A; then echo '{"hookSpecificOutput":{"hookEventName":"PostToolUse","additionalContext":"POST_CTX"}}'
elif printf %s "$HOOK_IN" | grep -q POST_B; then echo '{"decision":"block","reason":"POST_BLOCK"}'
else echo "POST_EXIT2" >&2; exit 2; fi`,
    },
  );
  const { requests } = await run(dir, [bash("echo POST_A"), bash("echo POST_B"), bash("echo POST_C"), say("done")]);
  const cmd = hookCommand("post");
  const after = (i: number) => requests[i]!.at(-1)!;
  expect(resultsIn([after(1)])[0]!.content).toBe("POST_A");
  expect(textsOf(after(1))).toEqual(["PostToolUse:Bash hook additional context: POST_CTX"]);
  expect(textsOf(after(2))).toEqual([`PostToolUse:Bash hook blocking error from command: "${cmd}": POST_BLOCK`]);
  expect(textsOf(after(3))).toEqual([`PostToolUse:Bash hook blocking error from command: "${cmd}": [${cmd}]: POST_EXIT2\n`]);
  const input = hookInputs(dir)[0]!;
  expect(input).toMatchObject({ hook_event_name: "PostToolUse", tool_name: "Bash", tool_response: { stdout: "POST_A", stderr: "", interrupted: false } });
  expect(typeof input.duration_ms).toBe("number");
});

test("UserPromptSubmit: plain stdout and additionalContext go with the prompt", async () => {
  const dir = project({ UserPromptSubmit: [[undefined, ["plain", "json"]]] }, { plain: "echo UPS_PLAIN", json: `echo '{"hookSpecificOutput":{"hookEventName":"UserPromptSubmit","additionalContext":"UPS_JSON"}}'` });
  const { result, requests } = await run(dir, [say("answer one")], "UPS_PROMPT please answer");
  expect(result.result).toBe("answer one");
  const first = requests[0]![0]!;
  const texts = textsOf(first);
  expect(texts[0]).toBe("UPS_PROMPT please answer");
  expect(texts.slice(1).sort()).toEqual(["UserPromptSubmit hook additional context: UPS_JSON", "UserPromptSubmit hook success: UPS_PLAIN"]);
  expect(hookInputs(dir)[0]).toMatchObject({ hook_event_name: "UserPromptSubmit", prompt: "UPS_PROMPT please answer", permission_mode: "default" });
});

test("UserPromptSubmit exit 2: nothing is sent, the result says why and repeats the prompt", async () => {
  const dir = project({ UserPromptSubmit: [[undefined, ["ups"]]] }, { ups: 'echo "UPS_BLOCK: prompt rejected" >&2\nexit 2' });
  const { result, requests, code } = await run(dir, [say("never")], "UPS_PROMPT blocked prompt");
  expect(requests).toHaveLength(0);
  expect(code).toBe(0);
  expect(result).toMatchObject({ is_error: false, num_turns: 0, result: `UserPromptSubmit operation blocked by hook:\n[${hookCommand("ups")}]: UPS_BLOCK: prompt rejected\n\n\nOriginal prompt: UPS_PROMPT blocked prompt` });
});

test("Stop exit 2 and a block decision keep the agent going once, with stop_hook_active on the second call", async () => {
  for (const [how, feedback] of [
    ['echo "STOP_REASON: one more step" >&2\nexit 2', `Stop hook feedback:\n[${hookCommand("stop")}]: STOP_REASON: one more step\n`],
    [`echo '{"decision":"block","reason":"STOP_JSON: continue"}'`, "Stop hook feedback:\nSTOP_JSON: continue"],
  ] as const) {
    const dir = project({ Stop: [[undefined, ["stop"]]] }, { stop: `if printf %s "$HOOK_IN" | grep -q '"stop_hook_active":true'; then exit 0; fi\n${how}` });
    const { result, requests } = await run(dir, [say("FIRST_ANSWER"), say("SECOND_ANSWER")]);
    expect(result).toMatchObject({ result: "SECOND_ANSWER", num_turns: 2, is_error: false });
    expect(textsOf(requests[1]!.at(-1))[0]).toBe(feedback);
    expect(hookInputs(dir).map((i) => [i.stop_hook_active, i.last_assistant_message])).toEqual([
      [false, "FIRST_ANSWER"],
      [true, "SECOND_ANSWER"],
    ]);
  }
});

test("SessionStart output opens the first prompt's context; SessionEnd runs at exit; both get their fields", async () => {
  const dir = project(
    { SessionStart: [[undefined, ["plain", "json"]]], SessionEnd: [[undefined, ["end"]]] },
    { plain: "echo SS_PLAIN", json: `echo '{"hookSpecificOutput":{"hookEventName":"SessionStart","additionalContext":"SS_JSON"}}'`, end: "exit 0" },
  );
  const { requests } = await run(dir, [say("hi")], "the prompt");
  expect(textsOf(requests[0]![0])).toEqual(["the prompt", "SessionStart:startup hook success: SS_PLAIN", "SessionStart hook additional context: SS_JSON"]);
  const inputs = hookInputs(dir);
  expect(inputs.filter((i) => i.hook_event_name === "SessionStart").map((i) => i.source)).toEqual(["startup", "startup"]);
  expect(inputs.find((i) => i.hook_event_name === "SessionEnd")).toMatchObject({ reason: "other" });
  expect(inputs[0]!.permission_mode).toBeUndefined();
  const env = readdirSync(join(dir, ".hooklog")).find((f) => f.endsWith(".env"))!;
  expect(readFileSync(join(dir, ".hooklog", env), "utf8")).toBe(`${dir}\n${dir}\n${dir}`);
});

test("other exit codes are errors shown to the user that block nothing; a hanging hook is killed at its timeout", async () => {
  // Only the hanging hook gets the short timeout: on a loaded machine the failing one (bash and four
  // commands) could outlast 1 s too, and then it would say "timed out" instead of its exit 1.
  const dir = project({ PreToolUse: [["Bash", ["fails"]]], PostToolUse: [["*", ["hangs"]]] }, { fails: 'echo "broken hook" >&2\nexit 1', hangs: "sleep 30 & sleep 30" }, { hangs: { timeout: 1 } });
  const { result, requests, stderr } = await run(dir, [bash("echo still-ran"), say("{{last_tool_result_first_line}}")]);
  expect(result.result).toBe("still-ran");
  expect(resultsIn(requests.at(-1)!)[0]!.content).toBe("still-ran");
  expect(stderr).toContain(`PreToolUse:Bash hook [${hookCommand("fails")}] failed (exit 1): broken hook`);
  expect(stderr).toContain("timed out after 1s and was killed");
});

test("the event API other parts call: SubagentStop and PreCompact run their hooks with the payload", async () => {
  const { Hooks } = await import("../../src/hooks/hooks.ts");
  const { conversationHooks } = await import("../../src/hooks/session.ts");
  const dir = project({ PreCompact: [["auto", ["pre"]]], SubagentStop: [[undefined, ["sub"]]] }, { pre: "echo '{\"hookSpecificOutput\":{\"additionalContext\":\"KEEP_TODOS\"}}'", sub: 'echo "not yet" >&2\nexit 2' });
  const settings = JSON.parse(readFileSync(join(dir, ".claude/settings.json"), "utf8"));
  const hooks = conversationHooks(new Hooks(settings.hooks, { sessionId: "s1", transcriptPath: "/t.jsonl", cwd: dir, projectDir: dir, mode: () => "default" }, () => {}), []);
  expect(await hooks.event("PreCompact", { trigger: "auto", custom_instructions: "" })).toEqual({ context: ["KEEP_TODOS"] });
  expect(await hooks.event("PreCompact", { trigger: "manual", custom_instructions: "" })).toEqual({ context: [] });
  expect(await hooks.event("SubagentStop", { stop_hook_active: false, last_assistant_message: "x" })).toEqual({ blocked: "not yet", context: [] });
  // What a sub-agent gets is worded as the main agent's Stop feedback is.
  expect(await hooks.subagentStop!("x", false, new AbortController().signal)).toEqual({ feedback: `SubagentStop hook feedback:\n[${hookCommand("sub")}]: not yet\n`, context: [] });
  expect(hookInputs(dir).map((i) => [i.hook_event_name, i.session_id, i.trigger])).toEqual([
    ["PreCompact", "s1", "auto"],
    ["SubagentStop", "s1", undefined],
    ["SubagentStop", "s1", undefined],
  ]);
});

test("PreCompact runs before /compact with its trigger, and exit 2 keeps the conversation whole", async () => {
  const dir = project({ PreCompact: [["manual", ["pre"]]] }, { pre: 'echo "KEEP_IT: not now" >&2\nexit 2' });
  const home = tempDir("nanocode-home-");
  server = startScriptedServer({ turns: [say("first answer")], workdir: dir, home });
  const env = { HOME: home, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url };
  await runNanocode(["-p", "--trust", "hello"], { cwd: dir, env });
  const compacted = await runNanocode(["-p", "--trust", "--continue", "/compact"], { cwd: dir, env });
  expect(compacted.stdout + compacted.stderr).toContain("Compaction blocked by a PreCompact hook: KEEP_IT: not now");
  expect(hookInputs(dir)).toEqual([expect.objectContaining({ hook_event_name: "PreCompact", trigger: "manual", custom_instructions: "" })]);
});

test("continue: false stops the whole run after the hooks: a PreToolUse call is not run, a PostToolUse call's result is kept, and nothing more is asked", async () => {
  const halt = (reason: string) => `echo '{"continue":false,"stopReason":"${reason}"}'`;
  const pre = project({ PreToolUse: [["Bash", ["pre"]]] }, { pre: halt("PRE_HALT: frozen") });
  const before = await run(pre, [bash("touch ran.txt"), say("never asked")]);
  expect(existsSync(join(pre, "ran.txt"))).toBe(false);
  expect(before.requests).toHaveLength(1);
  expect(before.code).toBe(1);
  expect(before.result).toMatchObject({ is_error: true, terminal_reason: "hook_stopped", num_turns: 1, errors: ["PreToolUse:Bash hook stopped the run: PRE_HALT: frozen"] });
  expect(before.result.permission_denials).toHaveLength(1);

  const post = project({ PostToolUse: [["Bash", ["post"]]] }, { post: `echo '{"continue":false,"stopReason":"POST_HALT: enough","decision":"block","reason":"ignored"}'` });
  const after = await run(post, [bash("echo made"), say("never asked")]);
  expect(after.requests).toHaveLength(1);
  expect(after.result).toMatchObject({ is_error: true, terminal_reason: "hook_stopped", errors: ["PostToolUse:Bash hook stopped the run: POST_HALT: enough"] });
  // The call and its result are in the session, so --continue goes on from a whole transcript.
  const resumed = await runNanocode(["-p", "--trust", "--continue", "next", "--output-format", "json", "--dangerously-skip-permissions"], { cwd: post, env: { HOME: after.home, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server!.url } });
  expect(resumed.code).toBe(0);
  const resent = server!.requests.at(-1)!.body.messages;
  expect(resultsIn(resent)[0]!.content).toBe("made");
});

test("continue: false wins over a Stop hook's block decision; a UserPromptSubmit hook's stopReason is what the user reads", async () => {
  const stop = project({ Stop: [[undefined, ["stop"]]] }, { stop: `echo '{"continue":false,"stopReason":"STOP_HALT","decision":"block","reason":"go on"}'` });
  const stopped = await run(stop, [say("FIRST_ANSWER"), say("never")]);
  expect(stopped.requests).toHaveLength(1);
  expect(stopped.result).toMatchObject({ is_error: false, result: "FIRST_ANSWER" });
  expect(stopped.stderr).toContain("Stop hook stopped the run: STOP_HALT");

  const ups = project({ UserPromptSubmit: [[undefined, ["ups"]]] }, { ups: `echo '{"continue":false,"stopReason":"UPS_HALT: not today","reason":"internal"}'` });
  const blocked = await run(ups, [say("never")], "a prompt");
  expect(blocked.requests).toHaveLength(0);
  expect(blocked.result.result).toBe("UserPromptSubmit operation blocked by hook:\nUPS_HALT: not today\n\nOriginal prompt: a prompt");
});

test("--verbose shows what hooks print unless they say suppressOutput; exit 2 of a hook that cannot block is shown; JSON that is not hook output is named", async () => {
  const dir = project(
    { PreToolUse: [["Bash", ["loud", "quiet", "wrong"]]], SessionStart: [[undefined, ["start"]]] },
    { loud: "echo LOUD_OUTPUT", quiet: `echo '{"suppressOutput":true,"systemMessage":"QUIET_NOTE"}'`, wrong: `echo '{"continue":"no"}'`, start: 'echo "START_FAILED" >&2\nexit 2' },
  );
  const home = tempDir("nanocode-home-");
  server = startScriptedServer({ turns: [bash("echo hi"), say("done")], workdir: dir, home });
  const env = { HOME: home, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url };
  const verbose = await runNanocode(["-p", "--trust", "go", "--verbose"], { cwd: dir, env });
  expect(verbose.stderr).toContain(`PreToolUse:Bash hook [${hookCommand("loud")}]: LOUD_OUTPUT`);
  expect(verbose.stderr).not.toContain("suppressOutput");
  expect(verbose.stderr).toContain("nanocode: QUIET_NOTE");
  expect(verbose.stderr).toContain(`SessionStart:startup hook [${hookCommand("start")}] failed (exit 2): START_FAILED`);
  expect(verbose.stderr).toContain(`PreToolUse:Bash hook [${hookCommand("wrong")}] printed JSON that is not hook output (field "continue": Invalid type: Expected boolean but received "no"); it is ignored`);
  const quiet = await runNanocode(["-p", "--trust", "go"], { cwd: dir, env });
  expect(quiet.stderr).not.toContain("LOUD_OUTPUT");
});

test("after a compaction SessionStart hooks run with source compact, and what they say joins the summary", async () => {
  const dir = project({ SessionStart: [["compact", ["again"]]] }, { again: "echo COMPACT_CONTEXT" });
  const home = tempDir("nanocode-home-");
  server = startScriptedServer({ reply: () => say("an answer, or a summary"), workdir: dir, home });
  const env = { HOME: home, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url };
  await runNanocode(["-p", "--trust", "hello"], { cwd: dir, env });
  expect(hookInputs(dir)).toEqual([]);
  await runNanocode(["-p", "--trust", "--continue", "/compact"], { cwd: dir, env });
  expect(hookInputs(dir).map((i) => [i.hook_event_name, i.source])).toEqual([["SessionStart", "compact"]]);
  await runNanocode(["-p", "--trust", "--continue", "next"], { cwd: dir, env });
  expect(JSON.stringify(server.requests.at(-1)!.body.messages)).toContain("SessionStart:compact hook success: COMPACT_CONTEXT");
});

test("PreToolUse additionalContext follows the call's result; PostToolUse updatedMCPToolOutput replaces an MCP tool's output, never a built-in tool's", async () => {
  const dir = project(
    { PreToolUse: [["Bash", ["pre"]]], PostToolUse: [["mcp__everything__echo|Bash", ["post"]]] },
    {
      pre: `echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","additionalContext":"PRE_CTX"}}'`,
      post: `echo '{"hookSpecificOutput":{"hookEventName":"PostToolUse","updatedMCPToolOutput":[{"type":"text","text":"REDACTED"}]}}'`,
    },
  );
  const everything = JSON.stringify({ mcpServers: { everything: { command: "node", args: [EVERYTHING, "stdio"] } } });
  const echo = [{ type: "tool_use" as const, name: "mcp__everything__echo", input: { message: "SECRET_OUTPUT" } }];
  const { requests } = await run(dir, [bash("echo BASH_OUTPUT"), echo, say("done")], "go", ["--mcp-config", everything, "--allowedTools", "mcp__everything"]);
  const afterBash = requests[1]!.at(-1)!;
  expect(resultsIn([afterBash])[0]!.content).toBe("BASH_OUTPUT");
  expect(textsOf(afterBash)).toEqual(["PreToolUse:Bash hook additional context: PRE_CTX"]);
  const afterEcho = requests[2]!.at(-1)!;
  expect(JSON.stringify(resultsIn([afterEcho])[0]!.content)).toContain("REDACTED");
  expect(JSON.stringify(afterEcho)).not.toContain("SECRET_OUTPUT");
});
