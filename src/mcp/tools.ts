import * as v from "valibot";
import { defineTool, type Tool } from "../registry/define.ts";
import type { Registry } from "../registry/registry.ts";
import type { Tool as McpToolDef } from "@modelcontextprotocol/sdk/types.js";
import { type McpConnection, McpUnavailable } from "./connection.ts";
import { callContent, resourceContent } from "./content.ts";
import type { McpManager } from "./manager.ts";

/** `mcp__<server>__<tool>`, with anything outside [A-Za-z0-9_-] replaced, at most 64 characters. */
export const mcpToolName = (server: string, tool: string) => `mcp__${clean(server)}__${clean(tool)}`.slice(0, 64);
export const clean = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, "_");

// The server validates the input against its own schema; ours only insists on an object.
const AnyObject = v.looseObject({});

const asOutput = async <T>(work: () => Promise<T>) => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof McpUnavailable) return { content: error.message, isError: true };
    throw error;
  }
};

/** A server's tool as a registry tool: its JSON schema passed through, read-only only when the server says so. */
export function mcpTool(connection: McpConnection, def: McpToolDef): Tool {
  return defineTool({
    name: mcpToolName(connection.name, def.name),
    description: def.description?.trim() || def.annotations?.title || `${def.name} (MCP server ${connection.name})`,
    input: AnyObject,
    inputSchema: def.inputSchema,
    readOnly: def.annotations?.readOnlyHint === true,
    run: (input, ctx) =>
      asOutput(async () => {
        const result = await connection.callTool(def.name, input as Record<string, unknown>, ctx.signal);
        return { content: callContent(result), isError: result.isError === true };
      }),
  });
}

const unknownServer = (mcp: McpManager, server: string) => ({ content: `No MCP server named "${server}". Servers: ${mcp.connections().map((c) => c.name).join(", ")}`, isError: true });

/** ListMcpResourcesTool and ReadMcpResourceTool, with Claude Code's names and inputs. */
export function resourceTools(mcp: McpManager): Tool[] {
  const list = defineTool({
    name: "ListMcpResourcesTool",
    description: "List the resources (files, documents, records) that the connected MCP servers offer, with their URIs. Give `server` to list only that server's.",
    input: v.object({ server: v.optional(v.pipe(v.string(), v.description("Only this server's resources"))) }),
    readOnly: true,
    async run({ server }) {
      await mcp.start();
      const chosen = server ? [mcp.connection(server)].filter((c) => c !== undefined) : mcp.connections();
      if (server && chosen.length === 0) return unknownServer(mcp, server);
      const rows = chosen.flatMap((c) => c.resources.map((r) => ({ server: c.name, uri: r.uri, name: r.name, mimeType: r.mimeType, description: r.description })));
      return rows.length ? JSON.stringify(rows, null, 1) : "No resources found.";
    },
  });
  const read = defineTool({
    name: "ReadMcpResourceTool",
    description: "Read a resource from an MCP server by its URI (see ListMcpResourcesTool).",
    input: v.object({ server: v.pipe(v.string(), v.description("The MCP server's name")), uri: v.pipe(v.string(), v.description("The resource URI")) }),
    readOnly: true,
    run: ({ server, uri }, ctx) =>
      asOutput(async () => {
        const connection = mcp.connection(server);
        if (!connection) return unknownServer(mcp, server);
        return { content: resourceContent(server, await connection.readResource(uri, ctx.signal)) };
      }),
  });
  return [list, read];
}

/** Scores how well a tool matches the words of a query: name hits count more than description hits. */
function score(tool: Tool, words: string[]): number {
  const name = tool.name.toLowerCase();
  const description = tool.description.toLowerCase();
  return words.reduce((sum, w) => sum + (name.includes(w) ? 3 : 0) + (description.includes(w) ? 1 : 0), 0);
}

/**
 * ToolSearch: when the MCP tools would take too much of the context, they are left out of the
 * tool list and the model finds them with this. Found tools are revealed: from the next request
 * on, they are in the list like any other.
 */
export function toolSearch(registry: Registry, mcp: McpManager): Tool {
  return defineTool({
    name: "ToolSearch",
    description:
      'Find MCP server tools (named mcp__<server>__<tool>) that are not in your tool list: servers still connecting, or too many tools to list. Search by keywords, or "select:<name>,<name>" for exact names. Found tools can be called at once and are listed from the next turn on.',
    input: v.object({
      query: v.pipe(v.string(), v.nonEmpty(), v.description('Keywords, e.g. "github issues", or "select:mcp__github__create_issue"')),
      max_results: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)), 5),
    }),
    readOnly: true,
    async run({ query, max_results }) {
      await mcp.start();
      // Tools of servers that connected after the last request are not in the model's list either.
      const hidden = [...registry.deferredTools(), ...registry.listTools().filter((t) => t.source.startsWith("mcp:")).map((t) => t.tool)].filter((t, i, all) => all.indexOf(t) === i);
      const select = /^select:(.+)$/.exec(query.trim());
      const found = select
        ? select[1]!.split(",").map((n) => hidden.find((t) => t.name === n.trim())).filter((t) => t !== undefined)
        : hidden
            .map((tool) => ({ tool, score: score(tool, query.toLowerCase().split(/[\s_-]+/).filter(Boolean)) }))
            .filter((x) => x.score > 0)
            .sort((a, b) => b.score - a.score)
            .slice(0, max_results)
            .map((x) => x.tool);
      if (found.length === 0) return `No matching tools. ${hidden.length} MCP tools can be searched; try other keywords.`;
      registry.setDeferred(found.map((t) => t.name), false);
      const described = found.map((t) => `## ${t.name}\n${t.description}\nInput schema: ${JSON.stringify(t.inputSchema)}`);
      return `Found ${found.length} tool${found.length > 1 ? "s" : ""}; call ${found.length > 1 ? "them" : "it"} directly:\n\n${described.join("\n\n")}`;
    },
  });
}
