import type { AgentSession } from "../agent/session.ts";
import { asBlocks, type TextBlock, type UserMessage } from "../model/messages.ts";
import type { CommandResult, CommandSession } from "../registry/define.ts";
import type { Registry } from "../registry/registry.ts";
import { attachMentions, sessionMentions } from "../skills/mentions.ts";
import { McpUnavailable } from "../mcp/connection.ts";
import type { McpManager } from "../mcp/manager.ts";
import { commandHeader, type SkillRuntime, SkillError } from "../skills/runtime.ts";

/** `done`: the command ran here (its output, or the one line saying why it failed); `prompt`: it asks the model this. */
export type SlashOutcome = { kind: "done"; output: string; error?: string } | { kind: "prompt"; prompt: string } | { kind: "not-a-command" };

const SLASH = /^\/([A-Za-z0-9_:.-]+)(?:\s+([\s\S]*))?$/;

/** `/name args` split, or undefined when the text does not start like a command (`/usr/bin/x …` does not). */
export function parseSlash(line: string): { name: string; args: string } | undefined {
  const match = SLASH.exec(line.trim());
  return match ? { name: match[1]!, args: (match[2] ?? "").trim() } : undefined;
}

/** Runs `/name args` when `name` is a registered command module; the caller shows its output. */
export async function runSlashCommand(line: string, registry: Registry, cwd: string, session?: () => Promise<CommandSession>): Promise<SlashOutcome> {
  const slash = parseSlash(line);
  const command = slash && registry.command(slash.name);
  if (!slash || !command) return { kind: "not-a-command" };
  const printed: string[] = [];
  let opened: Promise<CommandSession> | undefined;
  let result: CommandResult;
  try {
    result = await command.run(slash.args, {
      cwd,
      registry: { tools: registry.listTools().map((t) => t.tool), commands: registry.listCommands().map((c) => c.command) },
      print: (text) => printed.push(text),
      ...(session ? { session: () => (opened ??= session()) } : {}),
    });
  } catch (error) {
    // A session that cannot be opened (no API key, unknown --resume id) or a failed /compact.
    return { kind: "done", output: printed.join("\n"), error: (error as Error).message };
  }
  if (result && typeof result === "object") return { kind: "prompt", prompt: result.prompt };
  if (typeof result === "string") printed.push(result);
  return { kind: "done", output: printed.join("\n") };
}

/**
 * UserPromptExpansion: a command typed as /name expanded into a prompt. A hook that blocks (exit 2,
 * `decision: "block"`, `continue: false`) keeps it from being sent, its reason shown; what hooks
 * add goes with the prompt.
 */
async function expansionHooks(session: AgentSession, payload: Record<string, unknown>, signal: AbortSignal): Promise<{ context: TextBlock[] } | { error: string }> {
  const said = await session.config.hooks?.event("UserPromptExpansion", payload, signal);
  if (!said) return { context: [] };
  const refused = said.blocked ?? said.stop;
  if (refused !== undefined) return { error: `UserPromptExpansion operation blocked by hook${refused ? `: ${refused}` : ""}` };
  return { context: said.context.map((text): TextBlock => ({ type: "text", text: `UserPromptExpansion hook additional context: ${text}` })) };
}

/** What to send, and to which session (a forked skill runs in a sub-agent of its own). */
export type Prepared = { session: AgentSession; message: UserMessage } | { error: string };

export type PromptContext = { session: AgentSession; skills: SkillRuntime; registry: Registry; mcp?: McpManager; signal: AbortSignal };

/**
 * Turns what the user typed into the message for the model: `/skill args` and `/command args`
 * rendered from their Markdown, `/mcp__server__prompt args` fetched from the server, an unknown
 * `/name` sent as typed with a note saying so (as Claude Code does), and `@file` / `@server:uri`
 * mentions attached. The REPL uses this too.
 */
export async function preparePrompt(prompt: string, { session, skills, registry, mcp, signal }: PromptContext): Promise<Prepared> {
  const slash = parseSlash(prompt);
  const item = slash && skills.catalog.get(slash.name);
  try {
    if (slash && item && item.frontmatter["user-invocable"] !== false) {
      const { message, rendered } = await skills.userMessage(item, slash.args, signal);
      const said = await expansionHooks(session, { expansion_type: "slash_command", command_name: item.name, command_args: slash.args, command_source: item.source === "bundled" ? "builtin" : "skill", prompt: rendered.text }, signal);
      if ("error" in said) {
        // The turn the command would have started never comes: its allowed-tools grant nothing.
        session.nextTurn = undefined;
        return said;
      }
      if (rendered.fork) return { session: skills.forkedCommand(item, slash.args, rendered), message: { role: "user", content: [...rendered.attachments, { type: "text", text: rendered.text }, ...said.context] } };
      return { session, message: { ...message, content: [...asBlocks(message.content), ...said.context] } };
    }
    const fromServer = slash && (await mcp?.prompt(slash.name, slash.args));
    if (slash && fromServer) {
      const text = fromServer.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("\n");
      const said = await expansionHooks(session, { expansion_type: "mcp_prompt", command_name: slash.name, command_args: slash.args, command_source: "mcp", prompt: text }, signal);
      if ("error" in said) return said;
      return { session, message: { role: "user", content: [{ type: "text", text: commandHeader(slash.name, slash.args) }, ...fromServer, ...said.context] } };
    }
  } catch (error) {
    if (error instanceof SkillError || error instanceof McpUnavailable) return { error: error.message };
    throw error;
  }
  const before: TextBlock[] = [];
  if (slash) {
    const available = [...skills.catalog.forUser().map((c) => c.name), ...registry.listCommands().map((c) => c.command.name), ...(mcp?.promptCommands() ?? [])];
    before.push({
      type: "text",
      text: `<system-reminder>\nThe user's message starts with the slash command /${slash.name}, but no command with that name is available in this session, so it did not run. Slash commands available in this session: ${available.map((n) => `/${n}`).join(", ") || "none"}\n</system-reminder>`,
    });
  }
  const after = await attachMentions(prompt, sessionMentions(session, mcp && ((server, uri) => mcp.mention(server, uri))));
  if (before.length === 0 && after.length === 0) return { session, message: { role: "user", content: prompt } };
  return { session, message: { role: "user", content: [...before, { type: "text", text: prompt }, ...after] } };
}
