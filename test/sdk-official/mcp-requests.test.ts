// The Query object's MCP requests through the official SDK against the compiled binary:
// mcpServerStatus(), toggleMcpServer(), reconnectMcpServer(), readMcpResource() and setMcpServers().

import { afterEach, expect, test } from "bun:test";
import { join } from "node:path";
import { EVERYTHING } from "../support/mcp-servers.ts";
import { type ScriptedServer, startScriptedServer } from "../support/scripted-server.ts";
import { collect, Prompts, sdkOptions, startQuery } from "../support/sdk.ts";
import { tempDir } from "../support/tmp.ts";

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

const DYNAMIC = join(import.meta.dir, "../support/mcp-dynamic-server.ts");
const offered = (s: ScriptedServer, i: number) => (s.requests[i]!.body.tools ?? []).map((t) => t.name).filter((n) => n.startsWith("mcp__"));

test("status, switching a server off and on, reconnecting it and reading one of its resources", async () => {
  const work = tempDir("nanocode-sdk-mcp-");
  server = startScriptedServer({ workdir: work, home: work, reply: () => [{ type: "text", text: "ok" }] });
  const prompts = new Prompts();
  const q = startQuery(prompts, await sdkOptions(work, server, { mcpServers: { ev: { command: "node", args: [EVERYTHING] } } }));
  prompts.send("one");
  const statuses: unknown[] = [];
  const { error } = await collect(q, async (m) => {
    if (m.type !== "result") return;
    if (m.result_index === 0) {
      // Servers connect while the first request is on its way; a reconnect waits for this one.
      await q.reconnectMcpServer("ev");
      statuses.push(await q.mcpServerStatus());
      await q.toggleMcpServer("ev", false);
      statuses.push(await q.mcpServerStatus());
      prompts.send("two");
    } else if (m.result_index === 1) {
      await q.toggleMcpServer("ev", true);
      const read = await q.readMcpResource("ev", "demo://resource/static/document/architecture.md");
      statuses.push(read.contents[0]?.uri);
      prompts.send("three");
    } else prompts.end();
  });
  expect(error).toBeUndefined();
  const [connected, disabled, uri] = statuses as [any, any, string];
  expect(connected).toMatchObject([{ name: "ev", status: "connected", scope: "flag" }]);
  expect(connected[0].tools.map((t: { name: string }) => t.name)).toContain("echo");
  expect(disabled).toMatchObject([{ name: "ev", status: "disabled" }]);
  expect(uri).toBe("demo://resource/static/document/architecture.md");
  expect(offered(server, 1)).not.toContain("mcp__ev__echo");
  expect(offered(server, 2)).toContain("mcp__ev__echo");
  await expect(q.reconnectMcpServer("nope")).rejects.toThrow();
});

test("setMcpServers() adds the program's servers to a session that had none, replaces and removes them", async () => {
  const work = tempDir("nanocode-sdk-mcp-set-");
  server = startScriptedServer({ workdir: work, home: work, reply: () => [{ type: "text", text: "ok" }] });
  const prompts = new Prompts();
  const q = startQuery(prompts, await sdkOptions(work, server));
  const dyn = { command: "bun", args: [DYNAMIC] };
  expect(await q.setMcpServers({ dyn })).toEqual({ added: ["dyn"], removed: [], errors: {} });
  expect(await q.setMcpServers({ dyn })).toEqual({ added: [], removed: [], errors: {} });
  prompts.send("one");
  const { error } = await collect(q, async (m) => {
    if (m.type !== "result") return;
    if (m.result_index === 0) {
      expect(await q.setMcpServers({})).toEqual({ added: [], removed: ["dyn"], errors: {} });
      expect(await q.mcpServerStatus()).toEqual([]);
      prompts.send("two");
    } else prompts.end();
  });
  expect(error).toBeUndefined();
  expect(offered(server, 0)).toContain("mcp__dyn__unlock");
  expect(offered(server, 1)).not.toContain("mcp__dyn__unlock");
});
