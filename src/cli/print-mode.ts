import pkg from "../../package.json" with { type: "json" };
import type { AgentSession } from "../agent/session.ts";
import type { SessionServices } from "../agents/services.ts";
import { resolvePath } from "../fs/paths.ts";
import type { Hooks } from "../hooks/hooks.ts";
import type { PermissionEngine } from "../permissions/engine.ts";
import { ConfigError } from "../model/select.ts";
import { type PrintOptions, runPrintMode } from "../print/run.ts";
import type { McpManager } from "../mcp/manager.ts";
import type { SkillRuntime } from "../skills/runtime.ts";
import type { SessionInfo } from "../print/stream.ts";
import { SchemaError, StructuredOutput } from "../print/structured.ts";
import type { Options } from "./args.ts";
import { type Created, createSession, type Workspace } from "./setup.ts";
import { preparePrompt } from "./slash.ts";

/** Which credential the run uses, in Claude Code's words (`apiKeySource` of the init line). */
function apiKeySource(options: Options): string {
  if (options.replay) return "none";
  if (process.env.ANTHROPIC_API_KEY) return "ANTHROPIC_API_KEY";
  return process.env.ANTHROPIC_AUTH_TOKEN ? "ANTHROPIC_AUTH_TOKEN" : "none";
}

/** What the stream-json `system/init` line reports; read at the start of each turn. */
function sessionInfo(session: AgentSession, options: Options, workspace: Workspace, mcp: McpManager | undefined, permissions: PermissionEngine): SessionInfo {
  const registry = session.deps.registry;
  const services = session.env.services as SessionServices | undefined;
  return {
    cwd: session.env.cwd,
    tools: registry.listTools().map((t) => t.tool.name),
    mcp_servers: (mcp?.status() ?? []).map(({ name, status }) => ({ name, status })),
    model: session.config.model,
    permissionMode: permissions.mode,
    slash_commands: [...registry.listCommands().map((c) => c.command.name), ...workspace.skills.forUser().map((c) => c.name), ...(mcp?.promptCommands() ?? [])],
    apiKeySource: apiKeySource(options),
    agents: (services?.agents ?? []).map((a) => a.name),
    skills: workspace.skills.forModel().map((c) => c.name),
    additional_directories: [...(workspace.settings.permissions?.additionalDirectories ?? []), ...options.addDir].map((d) => resolvePath(session.env.cwd, d)),
    nanocode_version: pkg.version,
  };
}

/** `-p` and friends: builds the session and runs it in print mode. Returns the exit code. */
export async function printMode(options: Options, workspace: Workspace, cwd: string, prompt: string, startedAt: number, opened?: Promise<Created>): Promise<number> {
  let session: AgentSession;
  let skills: SkillRuntime;
  let mcp: McpManager | undefined;
  let hooks: Hooks | undefined;
  let permissions: PermissionEngine;
  let structured: StructuredOutput | undefined;
  try {
    structured = options.jsonSchema === undefined ? undefined : await StructuredOutput.fromArgument(options.jsonSchema);
    // A slash command may have opened the session already (/plan switched its mode): go on in it.
    ({ session, skills, mcp, hooks, permissions } = await (opened ?? createSession(options, workspace, cwd)));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof SchemaError) {
      process.stderr.write(`Error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (structured) {
    const refused = session.deps.registry.add(structured.tool, "--json-schema");
    if (refused) {
      process.stderr.write(`Error: --json-schema: ${refused}\n`);
      return 1;
    }
  }
  try {
    if (options.inputFormat === "stream-json") {
      return await runPrintMode(session, () => sessionInfo(session, options, workspace, mcp, permissions), printOptions(options, structured), { stream: Bun.stdin.stream() });
    }
    // `/skill args`, `/command args`, `/mcp__server__prompt`, @mentions; a forked skill runs in a sub-agent of its own.
    const prepared = await preparePrompt(prompt, { session, skills, registry: workspace.registry, mcp, signal: new AbortController().signal });
    if ("error" in prepared) {
      process.stderr.write(`Error: ${prepared.error}\n`);
      return 1;
    }
    const info = () => sessionInfo(session, options, workspace, mcp, permissions);
    return await runPrintMode(session, info, printOptions(options, structured), { prompt: prepared.message, startedAt, target: prepared.session });
  } finally {
    await mcp?.close();
    await hooks?.run("SessionEnd", { reason: "other" });
  }
}

function printOptions(options: Options, structured: StructuredOutput | undefined): PrintOptions {
  return { outputFormat: options.outputFormat, verbose: options.verbose, includePartialMessages: options.includePartialMessages, structured };
}
