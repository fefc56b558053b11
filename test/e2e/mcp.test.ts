import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Message } from "../../src/model/messages.ts";
import { startNanocode } from "../support/live.ts";
import { EVERYTHING, FILESYSTEM, startEverythingHttp } from "../support/mcp-servers.ts";
import { runNanocode } from "../support/run.ts";
import { type RecordedRequest, type ServerOptions, startScriptedServer } from "../support/scripted-server.ts";
import { tempDir } from "../support/tmp.ts";

// The compiled binary against the scripted model and the real MCP servers from npm.
let work: string;
beforeAll(() => {
  work = tempDir("nanocode-mcp-");
  writeFileSync(join(work, "hello.txt"), "HELLO_FROM_FILESYSTEM\n");
});

const servers = (entries: Record<string, unknown>) => JSON.stringify({ mcpServers: entries });
const everything = servers({ everything: { command: "node", args: [EVERYTHING, "stdio"] } });

async function run(args: string[], server: ServerOptions, env: Record<string, string> = {}) {
  const scripted = startScriptedServer({ workdir: work, home: work, ...server });
  const result = await runNanocode(["--output-format", "json", ...args], { cwd: work, env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: scripted.url, ...env }, timeoutMs: 30_000 });
  scripted.stop();
  return { ...result, json: result.stdout ? JSON.parse(result.stdout) : undefined, requests: scripted.requests };
}

const toolNames = (r: RecordedRequest) => (r.body.tools ?? []).map((t) => t.name);
const resultOf = (message: Message | undefined) => JSON.stringify(message?.content);

describe("stdio: @modelcontextprotocol/server-everything", () => {
  test("a tool call round-trips (even before the server is ready) and the tools are listed once it is", async () => {
    const { json, requests, stderr } = await run(["-p", "echo it", "--mcp-config", everything], {
      turns: [[{ type: "tool_use", name: "mcp__everything__echo", input: { message: "round trip" } }], [{ type: "text", text: "{{last_tool_result}}" }]],
    });
    expect(stderr).toBe("");
    expect(json.result).toBe("Echo: round trip");
    expect(toolNames(requests[0]!)).toEqual(expect.arrayContaining(["ListMcpResourcesTool", "ReadMcpResourceTool", "ToolSearch"]));
    // The first request left before the server was started: its tools were not known yet.
    expect(toolNames(requests[0]!).filter((n) => n.startsWith("mcp__"))).toEqual([]);
    const listed = requests[1]!.body.tools!.find((t) => t.name === "mcp__everything__echo") as { input_schema: { properties: Record<string, unknown> } } | undefined;
    expect(listed?.input_schema.properties.message).toMatchObject({ type: "string" });
    expect(toolNames(requests[1]!)).toContain("mcp__everything__get-sum");
  });

  test("a run that ends before the server is up closes it without reporting a failure", async () => {
    const { json, stderr } = await run(["-p", "hi", "--mcp-config", everything], { turns: [[{ type: "text", text: "quick" }]] });
    expect([json.result, stderr]).toEqual(["quick", ""]);
  });

  test("a resource is read by ReadMcpResourceTool and by an @server:uri mention", async () => {
    const uri = "demo://resource/static/document/architecture.md";
    const { json, requests } = await run(["-p", `summarize @everything:${uri}`, "--mcp-config", everything], {
      turns: [[{ type: "tool_use", name: "ReadMcpResourceTool", input: { server: "everything", uri } }], [{ type: "text", text: "{{last_tool_result_first_line}}" }]],
    });
    expect(json.result).toBe(`Resource everything:${uri} (text/markdown):`);
    expect(resultOf(requests[1]!.body.messages[2])).toContain("Everything Server");
    const mention = requests[0]!.body.messages[0]!.content as { text: string }[];
    expect(mention.map((b) => b.text).join("\n")).toContain("Everything Server – Architecture");
  });

  test("a prompt runs as the slash command /mcp__everything__args-prompt", async () => {
    const { json, requests } = await run(["-p", "/mcp__everything__args-prompt Paris Texas", "--mcp-config", everything], { turns: [[{ type: "text", text: "prompted" }]] });
    expect(json.result).toBe("prompted");
    const blocks = (requests[0]!.body.messages[0]!.content as { text: string }[]).map((b) => b.text);
    expect(blocks[0]).toBe("<command-message>mcp__everything__args-prompt</command-message>\n<command-name>/mcp__everything__args-prompt</command-name>\n<command-args>Paris Texas</command-args>\n");
    expect(blocks.slice(1).join("\n")).toContain("Paris");
    expect(blocks.slice(1).join("\n")).toContain("Texas");
  });

  test("killing the server mid-session: one clear error, then it is restarted and the session goes on", async () => {
    const pidFile = join(work, "server.pid");
    const wrapped = servers({ everything: { command: "sh", args: ["-c", `echo $$ > ${pidFile}; exec node ${EVERYTHING} stdio`] } });
    const echo = (message: string) => [{ type: "tool_use" as const, name: "mcp__everything__echo", input: { message } }];
    const { json, requests } = await run(["-p", "go", "--mcp-config", wrapped], {
      reply: (request) => {
        const turn = request.body.messages.filter((m) => m.role === "assistant").length;
        if (turn === 1) process.kill(Number(readFileSync(pidFile, "utf8")), "SIGKILL");
        return [echo("one"), echo("two"), echo("three"), [{ type: "text" as const, text: "{{last_tool_result}}" }]][turn]!;
      },
    });
    expect(resultOf(requests[1]!.body.messages.at(-1))).toContain("Echo: one");
    const crashed = requests[2]!.body.messages.at(-1)!.content as { content: string; is_error?: boolean }[];
    expect(crashed[0]!.is_error).toBe(true);
    expect(crashed[0]!.content).toContain('MCP server "everything" stopped');
    expect(crashed[0]!.content).toContain("restarted");
    expect(json.result).toBe("Echo: three");
  });

  test("a call that outlasts the per-call timeout gets an error result", async () => {
    const { requests, json } = await run(
      ["-p", "wait", "--mcp-config", everything],
      { turns: [[{ type: "tool_use", name: "mcp__everything__trigger-long-running-operation", input: { duration: 5, steps: 5 } }], [{ type: "text", text: "{{last_tool_result}}" }]] },
      { MCP_TOOL_TIMEOUT: "300" },
    );
    expect(resultOf(requests[1]!.body.messages.at(-1))).toContain("timed out after 300 ms");
  });

  test("past the context share, MCP tools are left out and ToolSearch reveals them on demand", async () => {
    const { json, requests } = await run(
      ["-p", "find echo", "--mcp-config", everything],
      {
        turns: [
          [{ type: "tool_use", name: "ToolSearch", input: { query: "echo" } }],
          [{ type: "tool_use", name: "mcp__everything__echo", input: { message: "found" } }],
          [{ type: "text", text: "{{last_tool_result}}" }],
        ],
      },
      { NANOCODE_MCP_TOOL_SHARE: "0" },
    );
    expect(json.result).toBe("Echo: found");
    expect(resultOf(requests[1]!.body.messages.at(-1))).toContain("## mcp__everything__echo");
    expect(toolNames(requests[1]!)).toContain("mcp__everything__echo");
    expect(toolNames(requests[1]!)).not.toContain("mcp__everything__get-sum");
  });
});

describe("HTTP transports", () => {
  const servers: { stop(): void }[] = [];
  afterAll(() => servers.forEach((s) => s.stop()));

  for (const mode of ["streamableHttp", "sse"] as const) {
    test(`${mode}: tools listed and a call round-trips`, async () => {
      const http = await startEverythingHttp(mode);
      servers.push(http);
      const config = JSON.stringify({ mcpServers: { remote: { type: mode === "sse" ? "sse" : "http", url: http.url } } });
      const { json, requests } = await run(["-p", "add", "--mcp-config", config], {
        turns: [[{ type: "tool_use", name: "mcp__remote__get-sum", input: { a: 2, b: 40 } }], [{ type: "text", text: "{{last_tool_result}}" }]],
      });
      expect(json.result).toContain("42");
      expect(toolNames(requests[1]!)).toContain("mcp__remote__echo");
    });
  }
});

test("@modelcontextprotocol/server-filesystem: a file is read through it; ${VAR} expands in the config", async () => {
  const config = servers({ fs: { command: "node", args: [FILESYSTEM, "${SHARED_DIR}"] } });
  const { json, stderr } = await run(
    ["-p", "read it", "--mcp-config", config],
    { turns: [[{ type: "tool_use", name: "mcp__fs__read_text_file", input: { path: join(work, "hello.txt") } }], [{ type: "text", text: "{{last_tool_result}}" }]] },
    { SHARED_DIR: work },
  );
  expect(stderr).toBe("");
  expect(json.result).toBe("HELLO_FROM_FILESYSTEM\n");
});

test("nanocode mcp add, list, get and remove", async () => {
  const dir = tempDir();
  const mcp = (...args: string[]) => runNanocode(["mcp", ...args], { cwd: dir, env: { HOME: dir } });
  expect((await mcp("add", "-s", "project", "ev", "node", EVERYTHING, "stdio")).stdout).toBe(`Added stdio MCP server "ev" to ${join(dir, ".mcp.json")}\n`);
  expect((await mcp("add", "-s", "user", "down", "-t", "http", "http://127.0.0.1:9/mcp", "-H", "Authorization: Bearer x")).code).toBe(0);
  const list = await mcp("list");
  expect(list.stdout).toContain(`ev: node ${EVERYTHING} stdio - ✓ Connected (13 tools)`);
  expect(list.stdout).toContain("down: http://127.0.0.1:9/mcp (HTTP) - ✗ Failed to connect:");
  const get = await mcp("get", "ev");
  expect(get.stdout).toContain("Scope: project");
  expect(get.stdout).toContain("Tool: echo (read-only)");
  expect(JSON.parse(readFileSync(join(dir, ".nanocode/settings.json"), "utf8")).mcpServers.down.headers).toEqual({ Authorization: "Bearer x" });
  expect((await mcp("remove", "ev")).code).toBe(0);
  expect((await mcp("get", "ev")).code).toBe(1);
});

test("nanocode tools lists the MCP servers' tools with their source", async () => {
  const { stdout, code } = await runNanocode(["tools", "--mcp-config", everything], { cwd: work });
  expect(code).toBe(0);
  expect(stdout).toMatch(/mcp__everything__echo\s+read-only\s+mcp:everything\n/);
  expect(stdout).toMatch(/mcp__everything__toggle-simulated-logging\s+mcp:everything\n/);
});

describe("a server whose lists change (notifications/*/list_changed)", () => {
  const DYNAMIC = join(import.meta.dir, "../support/mcp-dynamic-server.ts");
  const dynamic = servers({ dyn: { command: "bun", args: [DYNAMIC] } });

  test("its tools are listed again: the next request has the new tool and not the removed one, the rest in place", async () => {
    const { json, requests, stderr } = await run(["-p", "unlock it", "--mcp-config", dynamic, "--allowedTools", "mcp__dyn"], {
      turns: [
        [{ type: "tool_use", name: "mcp__dyn__add_prompt", input: {} }],
        [{ type: "tool_use", name: "mcp__dyn__unlock", input: {} }],
        [{ type: "tool_use", name: "mcp__dyn__secret", input: {} }],
        [{ type: "text", text: "{{last_tool_result}}" }],
      ],
    });
    expect(stderr).toBe("");
    expect(json.result).toBe("SECRET_VALUE");
    const mcpTools = (r: RecordedRequest) => toolNames(r).filter((n) => n.startsWith("mcp__"));
    expect(mcpTools(requests[1]!)).toEqual(["mcp__dyn__add_prompt", "mcp__dyn__unlock"]);
    // The call that changed the list returns once the new list is known: the very next request has it.
    expect(mcpTools(requests[2]!)).toEqual(["mcp__dyn__add_prompt", "mcp__dyn__secret"]);
    // Everything before the MCP tools is the same list, in the same order.
    const others = (r: RecordedRequest) => toolNames(r).filter((n) => !n.startsWith("mcp__"));
    expect(others(requests[3]!)).toEqual(others(requests[1]!));
  });

  test("a prompt added later is a slash command too", async () => {
    const scripted = startScriptedServer({ workdir: work, home: work, turns: [[{ type: "tool_use", name: "mcp__dyn__add_prompt", input: {} }], [{ type: "text", text: "added" }], [{ type: "text", text: "prompted" }]] });
    const live = await startNanocode(["--input-format", "stream-json", "--output-format", "stream-json", "--mcp-config", dynamic, "--allowedTools", "mcp__dyn"], {
      cwd: work,
      env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: scripted.url },
    });
    const say = (content: string) => live.write(`${JSON.stringify({ type: "user", message: { role: "user", content } })}\n`);
    say("add a prompt");
    await live.waitForLine((l) => l.type === "result");
    say("/mcp__dyn__late");
    await live.waitForLine((l) => l.type === "result" && l.result_index === 1);
    live.endInput();
    await live.exited;
    scripted.stop();
    const inits = live.lines.filter((l: any) => l.subtype === "init") as { slash_commands: string[] }[];
    expect(inits[0]!.slash_commands).not.toContain("mcp__dyn__late");
    expect(inits[1]!.slash_commands).toContain("mcp__dyn__late");
    expect(JSON.stringify(scripted.requests[2]!.body.messages.at(-1))).toContain("PROMPT late");
  });
});

test("a remote server that answers 401: one line saying what to do", async () => {
  const denied = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("unauthorized", { status: 401, headers: { "www-authenticate": 'Bearer resource_metadata="http://127.0.0.1/.well-known/oauth-protected-resource"' } }) });
  try {
    const config = servers({ tracker: { type: "http", url: `http://127.0.0.1:${denied.port}/mcp` } });
    const { json, requests } = await run(["-p", "use it", "--mcp-config", config], {
      turns: [[{ type: "tool_use", name: "mcp__tracker__list_issues", input: {} }], [{ type: "text", text: "{{last_tool_result}}" }]],
    });
    expect(json.result).toBe(
      `<tool_use_error>MCP server "tracker" is not available: http://127.0.0.1:${denied.port}/mcp answered 401 Unauthorized: it wants a sign-in (OAuth), which nanocode does not do; if the server takes a token, add it as a header: nanocode mcp add -t http -H "Authorization: Bearer <token>" tracker http://127.0.0.1:${denied.port}/mcp</tool_use_error>`,
    );
    expect(requests).toHaveLength(2);
  } finally {
    denied.stop(true);
  }
});
