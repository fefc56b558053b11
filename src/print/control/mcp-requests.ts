// The Query object's MCP requests: mcpServerStatus() and the server switches.

import type { ControlContext, ControlRequest } from "./handler.ts";

/** Claude Code's McpServerStatus per server: its state, scope and tools. */
export function mcpStatus(_request: ControlRequest, context: ControlContext) {
  const connections = context.mcp?.connections() ?? [];
  return {
    mcpServers: connections.map((c) => ({
      name: c.name,
      status: c.state === "connected" ? "connected" : c.state === "failed" ? "failed" : "pending",
      ...(c.error ? { error: c.error } : {}),
      scope: c.server.scope,
      tools: c.tools.map((t) => ({ name: t.name, ...(t.description ? { description: t.description } : {}) })),
    })),
  };
}
