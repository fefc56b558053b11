import pkg from "../../package.json" with { type: "json" };
import type { AgentEvent } from "../agent/events.ts";
import type { SessionServices } from "../agents/services.ts";
import { thinkingSetup } from "../agents/thinking.ts";
import { McpManager } from "../mcp/manager.ts";
import { modelInfo } from "../model/models.ts";
import { ConfigError } from "../model/select.ts";
import type { SessionStart } from "../print/control/handler.ts";
import { initializeOptions } from "../print/control/initialize-options.ts";
import { readAhead } from "../print/input.ts";
import { type Prepare, type PrintInput, type PrintOptions, runPrintMode, typedText } from "../print/run.ts";
import type { SessionInfo } from "../print/stream.ts";
import { SchemaError, StructuredOutput } from "../print/structured.ts";
import { fail, type Options } from "./args.ts";
import { type Created, createSession, thinkingChoice, type Workspace } from "./setup.ts";
import { parseSlash, type PromptContext, preparePrompt, runSlashCommand } from "./slash.ts";
import { commandSession } from "./command-session.ts";

/** Which credential the run uses, in Claude Code's words (`apiKeySource` of the init line). */
function apiKeySource(options: Options): string {
  if (options.replay) return "none";
  if (process.env.ANTHROPIC_API_KEY) return "ANTHROPIC_API_KEY";
  return process.env.ANTHROPIC_AUTH_TOKEN ? "ANTHROPIC_AUTH_TOKEN" : "none";
}

/** What the stream-json `system/init` line reports; read at the start of each turn. */
function sessionInfo({ session, mcp, permissions, outputStyle }: Created, options: Options, workspace: Workspace): SessionInfo {
  const registry = session.deps.registry;
  const services = session.env.services as SessionServices | undefined;
  return {
    cwd: session.env.cwd,
    tools: registry.listTools().map((t) => t.tool.name),
    mcp_servers: (mcp?.status() ?? []).map(({ name, status }) => ({ name, status })),
    model: session.config.model,
    permissionMode: permissions.mode,
    output_style: outputStyle,
    slash_commands: [...registry.listCommands().map((c) => c.command.name), ...workspace.skills.forUser().map((c) => c.name), ...(mcp?.promptCommands() ?? [])],
    apiKeySource: apiKeySource(options),
    agents: (services?.agents ?? []).map((a) => a.name),
    skills: workspace.skills.forModel().map((c) => c.name),
    plugins: workspace.plugins.map((p) => ({ name: p.name, path: p.root, source: p.id })),
    additional_directories: permissions.additionalDirectories,
    nanocode_version: pkg.version,
  };
}

/** `-p` and friends: builds the session and runs it in print mode. Returns the exit code. */
export async function printMode(flags: Options, workspace: Workspace, cwd: string, prompt: string, startedAt: number, opened?: Promise<Created>): Promise<number> {
  let created: Created;
  let structured: StructuredOutput | undefined;
  let options = flags;
  let applied = new Set<string>();
  // The Agent SDK's initialize request comes first: its fields are options the session is made with.
  const host = flags.inputFormat === "stream-json" ? await readAhead(Bun.stdin.stream()) : undefined;
  try {
    const first = host?.first;
    if (first?.kind === "control" && first.subtype === "initialize") ({ options, applied } = initializeOptions(flags, first.request));
  } catch (error) {
    return fail((error as Error).message);
  }
  try {
    structured = options.jsonSchema === undefined ? undefined : await StructuredOutput.fromArgument(options.jsonSchema);
    // A slash command may have opened the session already (/plan switched its mode): go on in it.
    created = await (opened ?? createSession(options, workspace, cwd));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof SchemaError) return fail(error.message);
    throw error;
  }
  const { session, skills, mcp, hooks, lsp } = created;
  const refused = structured && session.deps.registry.add(structured.tool, "--json-schema");
  if (refused) return fail(`--json-schema: ${refused}`);
  const info = () => sessionInfo(created, options, workspace);
  const prepare = preparer({ session, skills, registry: workspace.registry, mcp, cwd });
  const printing: PrintOptions = { outputFormat: options.outputFormat, verbose: options.verbose, includePartialMessages: options.includePartialMessages, structured };
  try {
    const input: PrintInput = host ? { stream: host.items, control: sessionStart(created, options, workspace, info, applied) } : { prompt: { role: "user" as const, content: prompt }, startedAt };
    return await runPrintMode(session, info, printing, input, prepare);
  } finally {
    // The host may have added servers to a session that had none (setMcpServers): created.mcp holds them too.
    await Promise.all([created.mcp?.close(), lsp?.close()]);
    await hooks?.run("SessionEnd", { reason: "other" });
  }
}

/** What the host's control requests act on (see src/print/control/). */
function sessionStart(created: Created, options: Options, workspace: Workspace, info: () => SessionInfo, applied: Set<string>): SessionStart {
  const { session, skills, permissions } = created;
  return {
    session,
    commands: commandSession(session, { mcp: created.mcp }),
    mcp: () => created.mcp,
    ensureMcp: () => (created.mcp ??= new McpManager([], session.deps.registry, session.env.cwd, modelInfo(session.config.model).contextWindow, (line) => process.stderr.write(`nanocode: ${line}\n`))),
    skills: skills.catalog,
    info,
    initialized: { fields: applied },
    bypassAllowed: options.allowDangerouslySkipPermissions || options.skipPermissions || permissions.mode === "bypassPermissions",
    canRead: (path) => permissions.canRead(path),
    replayUserMessages: options.replayUserMessages,
    startModel: session.config.model,
    startThinking: (model, maxTokens) => thinkingSetup(model, maxTokens, thinkingChoice(options, workspace.settings)),
  };
}

/**
 * Prepares each message as `-p` prepares its prompt (and as Claude Code treats SDK and stream-json
 * input): a command module runs here and its output is the turn's result (`/compact`, `/cost`,
 * `/context`…); `/skill args`, `/command args`, `/mcp__server__prompt` and @mentions are expanded;
 * a forked skill runs in a sub-agent of its own. Messages that are not typed text pass unchanged.
 */
function preparer(context: Omit<PromptContext, "signal"> & { cwd: string }): Prepare {
  return async (message, signal) => {
    const text = typedText(message);
    if (text === undefined) return { message };
    let prompt = text;
    if (parseSlash(text)) {
      const events: AgentEvent[] = [];
      const command = () => Promise.resolve(commandSession(context.session, { mcp: context.mcp, onEvent: (event) => events.push(event) }));
      const handled = await runSlashCommand(text, context.registry, context.cwd, command);
      if (handled.kind === "done") return { ran: { output: handled.output, error: handled.error, events } };
      if (handled.kind === "prompt") prompt = handled.prompt;
    }
    const prepared = await preparePrompt(prompt, { ...context, signal });
    if ("error" in prepared) return { ran: { output: "", error: prepared.error, events: [] } };
    return { message: prepared.message, target: prepared.session === context.session ? undefined : prepared.session };
  };
}
