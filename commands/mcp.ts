import { defineCommand } from "nanocode";

export default defineCommand({
  name: "mcp",
  description: "Show the MCP servers of this session, their state and their tools",
  async run(_args, ctx) {
    const session = await ctx.session?.();
    if (!session) return "No session: `nanocode mcp list` shows the configured servers.";
    const servers = session.mcpServers();
    if (servers.length === 0) return "No MCP servers configured. Add one with `nanocode mcp add <name> -- <command>`, in .mcp.json or in settings (mcpServers).";
    const s = ctx.ui?.style;
    const paint: Record<string, ((t: string) => string) | undefined> = { connected: s?.green, pending: s?.yellow, failed: s?.red };
    const lines = ["MCP servers:"];
    for (const server of servers) {
      const state = (paint[server.status] ?? String)(server.status === "connected" ? `✓ connected, ${server.tools} tools` : server.status === "failed" ? `✗ failed: ${server.error ?? "unknown error"}` : server.status === "disabled" ? "disabled" : "… connecting (starts with the first request)");
      lines.push(`  ${server.name}  ${state}  ${(s?.dim ?? String)(server.scope)}`);
    }
    return lines.join("\n");
  },
});
