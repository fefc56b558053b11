// A small stdio MCP server on the real SDK whose lists change while it runs, for the list_changed
// tests (the npm servers never change theirs on demand). Its `unlock` tool adds `secret` and drops
// itself, then tells the client (notifications/tools/list_changed); `add_prompt` adds a prompt.
// Run with: bun test/support/mcp-dynamic-server.ts

import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, GetPromptRequestSchema, ListPromptsRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const object = { type: "object" as const, properties: {} };
let tools = [
  { name: "unlock", description: "Unlock the secret tool", inputSchema: object },
  { name: "add_prompt", description: "Add the late prompt", inputSchema: object },
];
let prompts = [{ name: "early", description: "There from the start" }];

const server = new Server({ name: "dynamic", version: "1.0.0" }, { capabilities: { tools: { listChanged: true }, prompts: { listChanged: true } } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
server.setRequestHandler(ListPromptsRequestSchema, async () => ({ prompts }));
server.setRequestHandler(GetPromptRequestSchema, async (request) => ({ messages: [{ role: "user", content: { type: "text", text: `PROMPT ${request.params.name}` } }] }));
server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const name = request.params.name;
  if (name === "unlock") {
    tools = [...tools.filter((t) => t.name !== "unlock"), { name: "secret", description: "The secret tool", inputSchema: object }];
    await server.sendToolListChanged();
    return { content: [{ type: "text", text: "unlocked" }] };
  }
  if (name === "add_prompt") {
    prompts = [...prompts, { name: "late", description: "Added later" }];
    await server.sendPromptListChanged();
    return { content: [{ type: "text", text: "prompt added" }] };
  }
  if (name === "secret" && tools.some((t) => t.name === "secret")) return { content: [{ type: "text", text: "SECRET_VALUE" }] };
  return { content: [{ type: "text", text: `unknown tool ${name}` }], isError: true };
});
await server.connect(new StdioServerTransport());
