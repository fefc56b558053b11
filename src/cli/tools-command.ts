import type { McpManager } from "../mcp/manager.ts";
import type { Registry } from "../registry/registry.ts";

/** `nanocode tools`: every tool with where it came from; MCP servers are connected to list theirs. */
export async function listTools(registry: Registry, mcp?: McpManager): Promise<number> {
  await mcp?.start();
  const rows = registry.listTools().map(({ tool, source }) => [tool.name, tool.readOnly === true ? "read-only" : "", source] as const);
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [name, ro, source] of rows) process.stdout.write(`${name.padEnd(width)}  ${ro.padEnd(9)}  ${source}\n`);
  await mcp?.close();
  return 0;
}
