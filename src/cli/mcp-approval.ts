// The REPL's one question about the project's `.mcp.json` servers, as Claude Code asks it: the
// answer goes into `.claude/settings.local.json` (the project's uncommitted settings, where Claude
// Code keeps it too, so either tool run there knows it) and applies to this session at once.

import { join } from "node:path";
import { editSettingsFile } from "../config/edit-settings.ts";
import type { Settings } from "../config/settings.ts";
import { type ConfiguredServer, configuredServers, type ProjectServerAnswer } from "../mcp/config.ts";

const approvalsFile = (cwd: string) => join(cwd, ".claude", "settings.local.json");

/**
 * Asks about the `.mcp.json` servers waiting for an answer (none in a folder not trusted, or with
 * --strict-mcp-config) and records it. Returns a line for the user when the answer could not be saved.
 */
export async function approveProjectServers(settings: Settings, cwd: string, options: { trusted: boolean; strict?: boolean }, ask: (servers: ConfiguredServer[]) => Promise<ProjectServerAnswer | undefined>): Promise<string | undefined> {
  if (!options.trusted || options.strict) return undefined;
  const { pending } = configuredServers({ settings, flags: [], strict: false, cwd, trusted: true, startPending: false });
  if (pending.length === 0) return undefined;
  const answer = await ask(pending);
  if (answer === undefined) return undefined;
  const names = pending.map((server) => server.name);
  const add = (list: string[] | undefined) => [...(list ?? []), ...names.filter((name) => !list?.includes(name))];
  const record = (into: Record<string, unknown>) => {
    if (answer === "all") into.enableAllProjectMcpServers = true;
    if (answer === "these") into.enabledMcpjsonServers = add(into.enabledMcpjsonServers as string[] | undefined);
    if (answer === "none") into.disabledMcpjsonServers = add(into.disabledMcpjsonServers as string[] | undefined);
  };
  record(settings as Record<string, unknown>);
  try {
    await editSettingsFile(approvalsFile(cwd), "the MCP server answers", record);
  } catch (error) {
    return `${(error as Error).message}; the answer about ${names.join(", ")} holds for this session only`;
  }
  return undefined;
}
