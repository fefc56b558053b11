import type { ConfiguredServer, ProjectServerAnswer } from "../mcp/config.ts";
import { askAtStartup } from "./startup-question.ts";
import type { Style } from "./style.ts";

const ANSWERS: ProjectServerAnswer[] = ["all", "these", "none"];

/**
 * The REPL's question about the `.mcp.json` servers nobody has answered for yet, asked once
 * before the session starts, as Claude Code asks it. Esc leaves them waiting: not started, asked
 * again next time.
 */
export async function askProjectServers(servers: ConfiguredServer[]): Promise<ProjectServerAnswer | undefined> {
  const one = servers.length === 1;
  const title = (s: Style) => [
    s.bold(`New MCP server${one ? "" : "s"} found in .mcp.json: ${servers.map((server) => server.name).join(", ")}`),
    ...servers.map(({ name, config }) => `  ${s.bold(name)}  ${s.dim(config.type === "stdio" ? [config.command, ...config.args].join(" ") : config.url)}`),
    "",
    "MCP servers may run code and reach what your account can; their tool calls still ask as other tools do.",
  ];
  const them = one ? "this server" : "these servers";
  const options = [
    { label: `Use ${them} and all future MCP servers in this project`, description: "(enableAllProjectMcpServers)" },
    { label: `Use ${them}`, description: "(enabledMcpjsonServers)" },
    { label: `Continue without ${them}`, description: "(disabledMcpjsonServers)" },
  ];
  const index = await askAtStartup(title, options, "Enter to choose · ↑/↓ or 1-3 · Esc to decide later");
  return index === undefined ? undefined : ANSWERS[index];
}
