// Print mode end to end, for the cases SUMMARY.md of the Claude Code recordings describes without a
// case file: text output, API failures, --json-schema, system prompt flags, prompts on stdin,
// missing prompts and signals. Each test names the recorded case it follows (or improves on).

import { afterEach, describe, expect, test } from "bun:test";
import { textOf } from "../../src/model/messages.ts";
import type { ScriptTurn } from "../../src/model/script.ts";
import { lineType } from "../support/conformance.ts";
import { startNanocode } from "../support/live.ts";
import { runNanocode } from "../support/run.ts";
import { type ServerOptions, type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

const echoHi: ScriptTurn[] = [
  [
    { type: "text", text: "I will run a command." },
    { type: "tool_use", name: "Bash", input: { command: "echo hi", description: "Print hi" } },
  ],
  [{ type: "text", text: "The command printed: {{last_tool_result}}" }],
];

function serve(options: ServerOptions) {
  const work = tempDir();
  server = startScriptedServer({ workdir: work, home: work, ...options });
  const env = { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url };
  const run = (args: string[], stdin?: string) => runNanocode(args, { cwd: work, env, stdin });
  return { work, env, run, requests: server.requests };
}

const jsonLines = (stdout: string) =>
  stdout
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe("output formats", () => {
  test("01 text: the answer and a newline on stdout, nothing on stderr", async () => {
    const { run } = serve({ turns: echoHi });
    expect(await run(["-p", "Run echo hi.", "--dangerously-skip-permissions"])).toEqual({ code: 0, stdout: "The command printed: hi\n", stderr: "" });
  });

  test("02b json --verbose: one line holding the array of every stream-json message", async () => {
    const { run } = serve({ turns: echoHi });
    const { stdout, code } = await run(["-p", "Run echo hi.", "--output-format", "json", "--verbose", "--dangerously-skip-permissions"]);
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(stdout).map(lineType)).toEqual(["system/init", "assistant", "assistant", "user", "assistant", "result/success"]);
  });

  test("04 stream-json without --verbose: works (Claude Code refuses it)", async () => {
    const { run } = serve({ turns: echoHi });
    const { stdout, code } = await run(["-p", "Run echo hi.", "--output-format", "stream-json", "--dangerously-skip-permissions"]);
    expect(code).toBe(0);
    expect(jsonLines(stdout).map(lineType)).toEqual(["system/init", "assistant", "assistant", "user", "assistant", "result/success"]);
  });

  test("the init line names the tools, commands, model and permission mode", async () => {
    const { run, work } = serve({ turns: [[{ type: "text", text: "ok" }]] });
    const [init] = jsonLines((await run(["-p", "hi", "--output-format", "stream-json", "--model", "opus", "--permission-mode", "acceptEdits"])).stdout);
    expect(init).toMatchObject({ type: "system", subtype: "init", cwd: work, model: "claude-opus-5-5", permissionMode: "acceptEdits", apiKeySource: "ANTHROPIC_API_KEY", mcp_servers: [] });
    expect(init.tools).toEqual(expect.arrayContaining(["Bash", "Read", "Edit", "Write", "Glob", "Grep"]));
    expect(init.slash_commands).toContain("help");
  });

  test("06c max turns, text: one error line on stderr, exit 1", async () => {
    const { run } = serve({ turns: [...echoHi, [{ type: "text", text: "never" }]] });
    const { stdout, stderr, code } = await run(["-p", "go", "--max-turns", "1", "--dangerously-skip-permissions"]);
    expect([stdout, code]).toEqual(["", 1]);
    expect(stderr).toBe("Error: Reached the maximum number of turns (1).\n");
  });
});

describe("API failures: is_error, an error subtype and exit 1 (Claude Code says subtype success)", () => {
  const badRequest = () => Response.json({ type: "error", error: { type: "invalid_request_error", message: "messages: bad thing" } }, { status: 400 });

  test("07a json: HTTP 400", async () => {
    const { run, requests } = serve({ reply: badRequest });
    const { stdout, code } = await run(["-p", "hi", "--output-format", "json"]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ type: "result", subtype: "error_during_execution", is_error: true, terminal_reason: "api_error", api_error_status: 400, result: "API Error: 400 messages: bad thing" });
    expect(requests).toHaveLength(1);
  });

  test("07d stream-json: init, then the result", async () => {
    const { run } = serve({ reply: badRequest });
    const { stdout, code } = await run(["-p", "hi", "--output-format", "stream-json", "--verbose"]);
    expect(code).toBe(1);
    expect(jsonLines(stdout).map(lineType)).toEqual(["system/init", "result/error_during_execution"]);
  });

  test("07c text: the error on stderr (Claude Code prints it on stdout), exit 1", async () => {
    const { run } = serve({ reply: badRequest });
    expect(await run(["-p", "hi"])).toEqual({ code: 1, stdout: "", stderr: "API Error: 400 messages: bad thing\n" });
  });

  test("07b json: HTTP 401 at once, without minutes of retries", async () => {
    const { run, requests } = serve({ reply: () => Response.json({ type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } }, { status: 401 }) });
    const { stdout, code } = await run(["-p", "hi", "--output-format", "json"]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ is_error: true, api_error_status: 401 });
    expect(JSON.parse(stdout).result).toContain("ANTHROPIC_API_KEY");
    expect(requests).toHaveLength(1);
  });
});

describe("--json-schema", () => {
  const schema = JSON.stringify({ type: "object", properties: { answer: { type: "number" } }, required: ["answer"] });
  const call = (input: Record<string, unknown>) => [{ type: "tool_use" as const, name: "StructuredOutput", input }];

  test("10b: a valid StructuredOutput call ends the run and becomes structured_output", async () => {
    const { run, requests } = serve({ turns: [call({ answer: 42 }), [{ type: "text", text: "never asked" }]] });
    const { stdout, code } = await run(["-p", "6 x 7?", "--output-format", "json", "--json-schema", schema]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ subtype: "success", is_error: false, structured_output: { answer: 42 }, result: '{"answer":42}', stop_reason: "tool_use" });
    // Claude Code counts the round that returns the StructuredOutput result: 1 request, 2 turns.
    expect(JSON.parse(stdout).num_turns).toBe(2);
    expect(requests).toHaveLength(1);
    const tool = (requests[0]!.body.tools as { name: string; input_schema: unknown }[]).find((t) => t.name === "StructuredOutput");
    expect(tool?.input_schema).toEqual(JSON.parse(schema));
  });

  test("10c: an invalid call is answered with the schema errors, then a valid one ends the run", async () => {
    const { run, requests } = serve({ turns: [call({ answer: "forty-two" }), call({ answer: 42 })] });
    const { stdout, code } = await run(["-p", "6 x 7?", "--output-format", "json", "--json-schema", schema]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ structured_output: { answer: 42 }, num_turns: 3 });
    const feedback = requests[1]!.body.messages.at(-1)!.content as { is_error?: boolean; content: string }[];
    expect(feedback[0]).toMatchObject({ is_error: true });
    expect(feedback[0]!.content).toContain("output/answer must be number");
  });

  test("10a: a text answer gets one reminder; still no call is an error (Claude Code says success)", async () => {
    const { run, requests } = serve({ turns: [[{ type: "text", text: '{"answer": 42}' }], [{ type: "text", text: "42" }]] });
    const { stdout, code } = await run(["-p", "6 x 7?", "--output-format", "json", "--json-schema", schema]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ subtype: "error_max_structured_output_retries", is_error: true, num_turns: 2 });
    expect(JSON.parse(stdout).structured_output).toBeUndefined();
    expect(requests).toHaveLength(2);
    expect(textOf(requests[1]!.body.messages.at(-1)!)).toContain("StructuredOutput");
  });

  test("10a, answered: the reminder leads to a valid call", async () => {
    const { run } = serve({ turns: [[{ type: "text", text: "42" }], call({ answer: 42 })] });
    const { stdout, code } = await run(["-p", "6 x 7?", "--json-schema", schema]);
    expect([stdout, code]).toEqual(['{"answer":42}\n', 0]);
  });

  test("a schema that is not JSON, or not an object schema, is one error line before any request", async () => {
    const { run, requests } = serve({ turns: [] });
    expect(await run(["-p", "x", "--json-schema", "{nope"])).toMatchObject({ code: 1, stdout: "" });
    const { stderr, code } = await run(["-p", "x", "--json-schema", '{"type":"array"}']);
    expect([stderr, code]).toEqual(['Error: --json-schema must describe an object ("type": "object"): tool inputs are objects\n', 1]);
    expect(requests).toHaveLength(0);
  });
});

describe("system prompt flags", () => {
  const systemTexts = (body: { system?: unknown }) => (body.system as { text: string }[]).map((b) => b.text);

  test("11a --append-system-prompt: added after a blank line at the very end", async () => {
    const { run, requests } = serve({ turns: [[{ type: "text", text: "ok" }]] });
    expect((await run(["-p", "hi", "--append-system-prompt", "Always answer in French."])).code).toBe(0);
    const texts = systemTexts(requests[0]!.body);
    expect(texts[0]).toContain("You are nanocode");
    expect(texts.at(-1)!.endsWith("\n\nAlways answer in French.")).toBe(true);
  });

  test("11b --system-prompt: replaces the guidance, the environment block stays", async () => {
    const { run, requests } = serve({ turns: [[{ type: "text", text: "ok" }]] });
    expect((await run(["-p", "hi", "--system-prompt", "You are a pirate."])).code).toBe(0);
    const texts = systemTexts(requests[0]!.body);
    expect(texts[0]).toBe("You are a pirate.");
    expect(texts.join("\n")).not.toContain("You are nanocode");
    expect(texts.at(-1)).toContain("Working directory:");
  });

  test("the -file variants read the text from a file; a missing file is one error line", async () => {
    const { run, requests, work } = serve({ turns: [[{ type: "text", text: "ok" }]] });
    await Bun.write(`${work}/extra.md`, "Use tabs.");
    expect((await run(["-p", "hi", "--append-system-prompt-file", "extra.md"])).code).toBe(0);
    expect(systemTexts(requests[0]!.body).at(-1)!.endsWith("\n\nUse tabs.")).toBe(true);
    expect(await run(["-p", "hi", "--system-prompt-file", "missing.md"])).toEqual({ code: 1, stdout: "", stderr: "Error: --system-prompt-file: file not found: missing.md\n" });
  });
});

test("a project's bunfig.toml and .env do not reach inside the binary", async () => {
  const { run, work } = serve({ turns: [[{ type: "text", text: "ok" }]] });
  await Bun.write(`${work}/bunfig.toml`, 'preload = ["./missing-preload.ts"]\n');
  await Bun.write(`${work}/.env`, "ANTHROPIC_BASE_URL=http://127.0.0.1:9\n");
  expect(await run(["-p", "hi"])).toEqual({ code: 0, stdout: "ok\n", stderr: "" });
});

describe("prompts", () => {
  test("12 a prompt piped on stdin is used verbatim", async () => {
    const { run, requests } = serve({ turns: [[{ type: "text", text: "ok" }]] });
    expect((await run(["--output-format", "json"], "what is printed?\n")).code).toBe(0);
    expect(textOf(requests[0]!.body.messages[0]!)).toBe("what is printed?\n");
  });

  test("12b no prompt at all: one error line, no output, no request", async () => {
    const { run, requests } = serve({ turns: [] });
    const { stdout, stderr, code } = await run(["-p", "--output-format", "json"], "");
    expect([stdout, code, requests.length]).toEqual(["", 1, 0]);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  test("stream-json input: a bad line is reported on stderr and skipped; the exit code says input was lost", async () => {
    const { run } = serve({ turns: [[{ type: "text", text: "ok" }]] });
    const stdin = `not json\n${JSON.stringify({ type: "user", message: { role: "user", content: "hi" } })}\n`;
    const { stdout, stderr, code } = await run(["-p", "--input-format", "stream-json", "--output-format", "stream-json", "--verbose"], stdin);
    expect(code).toBe(1);
    expect(stderr).toBe("nanocode: stdin line is not JSON: not json\n");
    expect(jsonLines(stdout).at(-1)).toMatchObject({ type: "result", result: "ok" });
  });
});

describe("signals: the run ends with a result line and 128 + signal (Claude Code prints no result)", () => {
  const slowFirstReply = { reply: () => ({ turn: [{ type: "text" as const, text: "too late" }], delayMs: 30_000 }) };

  test("13b SIGTERM while waiting for the model, stream-json: init, result, exit 143", async () => {
    const { work, env } = serve({ ...slowFirstReply, onRequest: () => live.kill("SIGTERM") });
    const live = await startNanocode(["-p", "hi", "--output-format", "stream-json", "--verbose"], { cwd: work, env });
    const { code } = await live.exited;
    expect(code).toBe(143);
    expect(live.lines.map(lineType)).toEqual(["system/init", "result/error_during_execution"]);
    expect(live.lines[1]).toMatchObject({ is_error: true, terminal_reason: "aborted", errors: ["Stopped by SIGTERM."] });
  });

  test("13c SIGTERM, json: the result object, exit 143", async () => {
    const { work, env } = serve({ ...slowFirstReply, onRequest: () => live.kill("SIGTERM") });
    const live = await startNanocode(["-p", "hi", "--output-format", "json"], { cwd: work, env });
    expect((await live.exited).code).toBe(143);
    expect(live.lines).toEqual([expect.objectContaining({ type: "result", is_error: true, terminal_reason: "aborted" })]);
  });

  test("SIGINT during a tool call: the call is stopped and answered, then the result, exit 130", async () => {
    const { work, env } = serve({ turns: [[{ type: "tool_use", name: "Bash", input: { command: "sleep 30", description: "Wait" } }], [{ type: "text", text: "never" }]] });
    const live = await startNanocode(["-p", "wait", "--output-format", "stream-json", "--dangerously-skip-permissions"], { cwd: work, env });
    await live.waitForLine((l) => l.type === "assistant" && l.message.content[0].type === "tool_use");
    live.kill("SIGINT");
    expect((await live.exited).code).toBe(130);
    expect(live.lines.map(lineType)).toEqual(["system/init", "assistant", "user", "result/error_during_execution"]);
    expect((live.lines[2] as any).message.content[0]).toMatchObject({ is_error: true });
    expect(server!.requests).toHaveLength(1);
  });

  test("after SIGTERM mid-tool the session file is consistent: --resume goes on from it", async () => {
    const { work, env, run, requests } = serve({ turns: [[{ type: "tool_use", name: "Bash", input: { command: "sleep 30", description: "Wait" } }], [{ type: "text", text: "resumed fine" }]] });
    const live = await startNanocode(["-p", "wait", "--output-format", "stream-json", "--dangerously-skip-permissions"], { cwd: work, env });
    const init = await live.waitForLine((l) => l.type === "system");
    await live.waitForLine((l) => l.type === "assistant");
    live.kill("SIGTERM");
    expect((await live.exited).code).toBe(143);
    const resumed = await run(["-p", "go on", "--resume", init.session_id, "--output-format", "json"]);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ result: "resumed fine", session_id: init.session_id });
    const history = requests[1]!.body.messages;
    // The interrupted call was answered (an error result) before the new prompt.
    expect(history.slice(0, 3).map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(history[2]!.content).toEqual([expect.objectContaining({ type: "tool_result", is_error: true })]);
    expect(JSON.stringify(history.at(-1)!.content)).toContain("go on");
  });

  test("a stream-json interrupt request stops the running turn only; the next message still runs", async () => {
    let firstRequest = () => {};
    const requested = new Promise<void>((resolve) => (firstRequest = resolve));
    const { work, env } = serve({
      reply: (_, index) => (index === 0 ? { turn: [{ type: "text" as const, text: "slow" }], delayMs: 30_000 } : [{ type: "text" as const, text: "fresh" }]),
      onRequest: () => firstRequest(),
    });
    const live = await startNanocode(["-p", "--input-format", "stream-json", "--output-format", "stream-json"], { cwd: work, env });
    const user = (content: string) => `${JSON.stringify({ type: "user", message: { role: "user", content } })}\n`;
    live.write(user("first"));
    await requested;
    live.write(`${JSON.stringify({ type: "control_request", request_id: "r1", request: { subtype: "interrupt" } })}\n`);
    await live.waitForLine((l) => l.type === "result");
    live.write(user("second"));
    await live.waitForLine((l) => l.type === "result" && l.result_index === 1);
    live.endInput();
    // As Claude Code: the interrupted turn ended as the host asked, so the session did not fail.
    expect((await live.exited).code).toBe(0);
    expect(live.lines).toContainEqual({ type: "control_response", response: { subtype: "success", request_id: "r1", response: { still_queued: [] } } });
    const results = live.lines.filter((l: any) => l.type === "result") as any[];
    expect(results.map((r) => [r.terminal_reason, r.result])).toEqual([
      ["aborted_streaming", "Interrupted by user."],
      ["completed", "fresh"],
    ]);
  });
});
