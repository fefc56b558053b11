import * as v from "valibot";
import type { ImageBlock, TextBlock } from "../model/messages.ts";
import type { McpServerInfo } from "../registry/command-api.ts";
import { defineTool, type Tool } from "../registry/define.ts";
import type { Registry } from "../registry/registry.ts";
import { splitArgs } from "../skills/expand.ts";
import type { ConfiguredServer } from "./config.ts";
import { McpConnection, McpUnavailable } from "./connection.ts";
import { callContent, resourceContent } from "./content.ts";
import { clean, mcpTool, resourceTools, toolSearch } from "./tools.ts";

const textOnly = (blocks: Array<TextBlock | ImageBlock>) => blocks.filter((b): b is TextBlock => b.type === "text");

/** Share of the context window the MCP tool definitions may take before ToolSearch replaces them (Claude Code: 10%). */
const toolShare = () => {
  const share = Number(process.env.NANOCODE_MCP_TOOL_SHARE);
  return Number.isFinite(share) && share >= 0 ? share : 0.1;
};

/**
 * The session's MCP servers. Nothing connects until `start()` (called when the first model
 * request leaves, so the SDK import and the servers' start-up run while the model thinks); each
 * server's tools join the registry as soon as it is ready. A call to a tool of a server still
 * connecting waits for it.
 */
export class McpManager {
  private readonly byName = new Map<string, McpConnection>();
  private started?: Promise<void>;
  private searching = false;

  constructor(
    servers: ConfiguredServer[],
    private readonly registry: Registry,
    private readonly cwd: string,
    private readonly contextWindow: number,
    /** One line for the user when a server fails or a tool clashes. */
    private readonly notice: (text: string) => void = () => {},
  ) {
    for (const server of servers) this.byName.set(clean(server.name), new McpConnection(server, cwd));
    if (this.byName.size === 0) return;
    // Present from the first request on, so the tool list stays put: ToolSearch also finds the
    // tools of servers that were still connecting when the model last saw the list.
    for (const tool of [...resourceTools(this), toolSearch(registry, this)]) registry.add(tool, "mcp");
    registry.fallback = (name) => this.standIn(name);
  }

  connections(): McpConnection[] {
    return [...this.byName.values()];
  }

  connection(server: string): McpConnection | undefined {
    return this.byName.get(server) ?? this.byName.get(clean(server));
  }

  /** Connects every server in parallel (once); resolves when each has connected or failed. */
  start(): Promise<void> {
    this.started ??= Promise.all(this.connections().map((c) => this.bring(c))).then(() => {});
    return this.started;
  }

  private readonly brought = new Map<McpConnection, Promise<void>>();

  /** Connects one server and registers its tools, once. */
  private bring(connection: McpConnection): Promise<void> {
    let done = this.brought.get(connection);
    if (!done) this.brought.set(connection, (done = this.register(connection)));
    return done;
  }

  private async register(connection: McpConnection): Promise<void> {
    await connection.connect();
    if (connection.state === "failed") {
      // A run that ended before its servers were up closes them mid-connect: nothing to report.
      if (!connection.closedByUs) this.notice(`MCP server "${connection.name}" failed to connect: ${connection.error}`);
      return;
    }
    this.syncTools(connection);
    connection.onListChanged = () => this.syncTools(connection);
  }

  /**
   * The server's tools as the registry offers them: at connection, and again when the server says
   * its list changed. Unchanged tools keep their place (MCP tools are listed by name), so the
   * request's tool list changes only where the server's did; with ToolSearch on, new tools wait
   * to be found and the list does not change at all.
   */
  private syncTools(connection: McpConnection): void {
    const tools = connection.tools.map((def) => mcpTool(connection, def));
    for (const { name, why } of this.registry.sync(`mcp:${connection.name}`, tools, { deferred: this.searching })) this.notice(`MCP server "${connection.name}": tool ${name} skipped: ${why}`);
    this.balance();
  }

  /** Past the share of the context window, MCP tools leave the list and ToolSearch takes their place. */
  private balance(): void {
    if (this.searching) return;
    const mcpSpecs = this.registry.specs().filter((s) => s.name.startsWith("mcp__"));
    const tokens = Math.ceil(JSON.stringify(mcpSpecs).length / 4);
    if (tokens <= toolShare() * this.contextWindow) return;
    this.searching = true;
    this.registry.setDeferred(mcpSpecs.map((s) => s.name), true);
  }

  /**
   * A stand-in for `mcp__<server>__<tool>` while that server is still connecting (the executor
   * waits for the real tool), or after it failed (the call's error says why, not "no such tool").
   */
  private standIn(name: string): Tool | undefined {
    const connection = this.connections().find((c) => name.startsWith(`mcp__${clean(c.name)}__`) && c.state !== "connected");
    if (!connection) return undefined;
    void this.start();
    const unavailable = () => ({ error: `MCP server "${connection.name}" is not available: ${connection.error}` });
    return defineTool({
      name,
      description: `A tool of MCP server ${connection.name}`,
      input: v.looseObject({}),
      resolve: async () => {
        await this.bring(connection);
        const real = this.registry.tool(name);
        if (connection.state === "failed") return unavailable();
        return real && !real.resolve ? real : { error: `MCP server "${connection.name}" has no tool ${name}` };
      },
      run: () => ({ content: `MCP server "${connection.name}" is still connecting`, isError: true }),
    });
  }

  /** Servers switched off for this session (the SDK's toggleMcpServer): their tools are gone until switched on. */
  private readonly disabled = new Set<string>();

  isDisabled(server: string): boolean {
    return this.disabled.has(server);
  }

  /** Closes the server (if it runs) and starts it afresh, its tools replaced by what it lists now. */
  async reconnect(server: string): Promise<void> {
    const old = this.known(server);
    this.disabled.delete(old.name);
    await this.drop(old);
    const fresh = new McpConnection(old.server, this.cwd);
    this.byName.set(old.name, fresh);
    await this.bring(fresh);
    if (fresh.state === "failed") throw new McpUnavailable(`MCP server "${old.name}" failed to connect: ${fresh.error}`);
  }

  /** Switches a server off (closed, tools withdrawn) or on again (reconnected). */
  async setEnabled(server: string, enabled: boolean): Promise<void> {
    const connection = this.known(server);
    if (enabled) return this.reconnect(connection.name);
    this.disabled.add(connection.name);
    await this.drop(connection);
  }

  /**
   * The servers the host manages (the SDK's setMcpServers): those it no longer names are closed
   * and withdrawn, new or changed ones connect. Servers from settings and files are not touched.
   */
  async setHostServers(servers: ConfiguredServer[]): Promise<{ added: string[]; removed: string[]; errors: Record<string, string> }> {
    const wanted = new Map(servers.map((s) => [clean(s.name), s]));
    const removed: string[] = [];
    for (const name of this.hostServers) {
      const current = this.byName.get(name);
      if (current && JSON.stringify(wanted.get(name)?.config) !== JSON.stringify(current.server.config)) {
        await this.drop(current);
        this.byName.delete(name);
        this.hostServers.delete(name);
        if (!wanted.has(name)) removed.push(name);
      }
    }
    const added: string[] = [];
    const errors: Record<string, string> = {};
    for (const [name, server] of wanted) {
      if (this.hostServers.has(name)) continue;
      if (this.byName.has(name)) {
        errors[name] = "a server of that name comes from settings or a configuration file";
        continue;
      }
      const connection = new McpConnection(server, this.cwd);
      this.byName.set(name, connection);
      this.hostServers.add(name);
      added.push(name);
      await this.bring(connection);
      if (connection.state === "failed") errors[name] = connection.error ?? "failed to connect";
    }
    return { added, removed, errors };
  }

  private readonly hostServers = new Set<string>();

  private known(server: string): McpConnection {
    const connection = this.connection(server);
    if (!connection) throw new McpUnavailable(`no MCP server named "${server}" (known: ${[...this.byName.keys()].join(", ") || "none"})`);
    return connection;
  }

  /** Closes a connection and withdraws its tools. */
  private async drop(connection: McpConnection): Promise<void> {
    connection.onListChanged = undefined;
    await connection.close();
    this.registry.sync(`mcp:${connection.name}`, []);
  }

  status(): McpServerInfo[] {
    return this.connections().map((c) => ({
      name: c.name,
      status: this.disabled.has(c.name) ? "disabled" : c.state === "connected" ? "connected" : c.state === "failed" ? "failed" : "pending",
      error: c.error,
      tools: c.tools.length,
      scope: c.server.scope,
    }));
  }

  /** `@server:uri`: the resource's contents, or undefined when `server` is not one of ours. */
  async mention(server: string, uri: string): Promise<TextBlock[] | undefined> {
    const connection = this.connection(server);
    if (!connection) return undefined;
    try {
      return textOnly(resourceContent(server, await connection.readResource(uri)));
    } catch (error) {
      if (error instanceof McpUnavailable) return [{ type: "text", text: `(${error.message})` }];
      throw error;
    }
  }

  /** `/mcp__server__prompt args`: the prompt's messages as text blocks; positional words fill its arguments in order. */
  async prompt(command: string, args: string): Promise<TextBlock[] | undefined> {
    const match = /^mcp__(.+?)__(.+)$/.exec(command);
    const connection = match && this.connection(match[1]!);
    if (!match || !connection) return undefined;
    await connection.connect();
    const def = connection.prompts.find((p) => clean(p.name) === match[2] || p.name === match[2]);
    if (!def) return undefined;
    const params = def.arguments ?? [];
    const words = splitArgs(args);
    const named = Object.fromEntries(params.map((a, i) => [a.name, i === params.length - 1 ? words.slice(i).join(" ") : words[i]]).filter(([, value]) => value));
    const missing = params.filter((a) => a.required && !named[a.name]).map((a) => a.name);
    if (missing.length) throw new McpUnavailable(`/${command} needs ${missing.map((m) => `<${m}>`).join(" ")} (arguments: ${params.map((a) => a.name).join(" ")})`);
    const messages = await connection.getPrompt(def.name, named);
    return messages.flatMap((m) => textOnly(callContent({ content: [m.content] })));
  }

  /** Names of the `/mcp__server__prompt` commands of the connected servers. */
  promptCommands(): string[] {
    return this.connections().flatMap((c) => c.prompts.map((p) => `mcp__${clean(c.name)}__${clean(p.name)}`));
  }

  async close(): Promise<void> {
    await Promise.all(this.connections().map((c) => c.close()));
  }
}
