// Options the Agent SDK sends in its initialize request rather than as flags, through the real SDK:
// the system prompt forms, agents, and disallowedTools / mcpServers delivered by initialize.

import { afterEach, expect, test } from "bun:test";
import { EVERYTHING } from "../support/mcp-servers.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { collect, sdkOptions, startQuery } from "../support/sdk.ts";
import { tempDir } from "../support/tmp.ts";

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

const systemText = (s: ScriptedServer) => (s.requests[0]!.body.system as { text: string }[]).map((b) => b.text).join("\n\n");

async function run(options: Parameters<typeof sdkOptions>[2]) {
  const work = tempDir("nanocode-sdk-initfields-");
  server = startScriptedServer({ workdir: work, home: work, turns: [[{ type: "text", text: "ok" }]] });
  const q = startQuery("hello", await sdkOptions(work, server, options));
  const init = await q.initializationResult();
  const agents = await q.supportedAgents();
  const { messages, error } = await collect(q);
  expect(error).toBeUndefined();
  return { init: init as Record<string, unknown>, agents, messages, request: server.requests[0]!, system: systemText(server) };
}

test("systemPrompt as a string replaces the guidance; the preset with append keeps it and appends", async () => {
  expect((await run({ systemPrompt: "You are SYS-A." })).system).toStartWith("You are SYS-A.");
  const preset = await run({ systemPrompt: { type: "preset", preset: "claude_code", append: "APPENDED" } });
  expect(preset.system).toContain("# Doing tasks");
  expect(preset.system).toEndWith("\n\nAPPENDED");
});

test("agents given to query() are sub-agent types of the session", async () => {
  const { agents, system } = await run({ agents: { reviewer: { description: "Reviews code", prompt: "You review.", tools: ["Read"] } } });
  expect(agents).toContainEqual({ name: "reviewer", description: "Reviews code" });
  // The Agent tool's types are listed in the system prompt.
  expect(system).toContain("reviewer: Reviews code");
});

test("disallowedTools and mcpServers delivered in initialize are applied and confirmed", async () => {
  const { init, request } = await run({ disallowedTools: ["Bash"], disallowedToolsDelivery: "initialize", mcpServers: { ev: { command: "node", args: [EVERYTHING] } }, mcpServersDelivery: "initialize" } as never);
  expect(init).toMatchObject({ disallowed_tools_applied: true, mcp_servers_applied: true });
  const names = (request.body.tools ?? []).map((t) => t.name);
  expect(names).not.toContain("Bash");
  expect(names).toContain("ListMcpResourcesTool");
});
