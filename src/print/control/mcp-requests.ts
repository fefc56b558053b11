// The Query object's MCP requests: mcpServerStatus(), reconnectMcpServer(), toggleMcpServer(),
// setMcpServers() and readMcpResource(), answered as Claude Code answers them.

import * as v from "valibot";
import { parseServers } from "../../mcp/config.ts";
import { type ControlContext, ControlError, type ControlRequest, fieldsOf } from "./handler.ts";

/** Claude Code's McpServerStatus per server: its state, scope and tools. */
export function mcpStatus(_request: ControlRequest, context: ControlContext) {
  const mcp = context.mcp();
  return {
    mcpServers: (mcp?.connections() ?? []).map((c) => ({
      name: c.name,
      status: mcp!.isDisabled(c.name) ? "disabled" : c.state === "connected" ? "connected" : c.state === "failed" ? "failed" : "pending",
      ...(c.error ? { error: c.error } : {}),
      scope: c.server.scope,
      tools: c.tools.map((t) => ({ name: t.name, ...(t.description ? { description: t.description } : {}) })),
    })),
  };
}

const ServerName = v.object({ serverName: v.pipe(v.string(), v.nonEmpty("must name a server")) });

const servers = (context: ControlContext) => {
  const mcp = context.mcp();
  if (!mcp) throw new ControlError("this session has no MCP servers");
  return mcp;
};

export async function mcpReconnect(request: ControlRequest, context: ControlContext) {
  await servers(context).reconnect(fieldsOf(ServerName, request).serverName);
  return {};
}

export async function mcpToggle(request: ControlRequest, context: ControlContext) {
  const { serverName, enabled } = fieldsOf(v.object({ ...ServerName.entries, enabled: v.boolean("must be true or false") }), request);
  await servers(context).setEnabled(serverName, enabled);
  return {};
}

/** The servers the program manages replace the ones it set before; configured ones stay. */
export async function mcpSetServers(request: ControlRequest, context: ControlContext) {
  const { servers: wanted } = fieldsOf(v.object({ servers: v.record(v.string(), v.unknown(), "must be an object of MCP server configurations") }), request);
  const problems: string[] = [];
  const parsed = parseServers(wanted, "flag", "setMcpServers", problems);
  const result = await context.ensureMcp().setHostServers(parsed);
  // A configuration that did not parse is reported by name, as the SDK's `errors` are.
  for (const problem of problems) result.errors[/"([^"]+)"/.exec(problem)?.[1] ?? "servers"] = problem;
  return result;
}

export async function mcpReadResource(request: ControlRequest, context: ControlContext) {
  const { serverName, uri } = fieldsOf(v.object({ ...ServerName.entries, uri: v.string("must be a string") }), request);
  const connection = servers(context).connection(serverName);
  if (!connection) throw new ControlError(`no MCP server named "${serverName}"`);
  return { contents: await connection.readResource(uri) };
}

/** Claude Code's per-server "auto" mode rests on a classifier nanocode does not have. */
export function setMcpPermissionModeOverride() {
  return { warning: "nanocode has no per-server permission modes: MCP tool calls follow the session's permission mode and rules" };
}
