import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { CallToolResult, Prompt, PromptMessage, Resource, Tool } from "@modelcontextprotocol/sdk/types.js";
import type { ConfiguredServer } from "./config.ts";

export type ConnectionState = "idle" | "connecting" | "connected" | "failed";

const envMs = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/** An error's message without the SDK's "MCP error -32603: " prefix, which tells the user nothing. */
const plain = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/^MCP error -?\d+: /, "");

/** A server that could not do what was asked; the message is meant for the model and the user as is. */
export class McpUnavailable extends Error {}

/**
 * One MCP server: connects on demand (the SDK is imported then, never at start-up), lists what
 * it offers, and calls it with a per-call timeout. When the server dies unexpectedly the next call
 * gets an error saying so, and it is restarted once; a second death leaves it stopped.
 */
export class McpConnection {
  state: ConnectionState = "idle";
  error?: string;
  tools: Tool[] = [];
  resources: Resource[] = [];
  prompts: Prompt[] = [];
  private client?: Client;
  private connecting?: Promise<void>;
  private restarts = 0;
  private closing = false;
  /** Set when the server died: the next call reports it once. */
  private crash?: string;
  private stderr = "";
  private pid?: () => number | null;
  /** Re-listing what the server said changed; a tool call that changed a list returns once the new list is known. */
  private relisting: Promise<void> = Promise.resolve();
  /** Told when the tools, prompts or resources were listed again (a list_changed notification, a restart). */
  onListChanged?: () => void;

  constructor(
    readonly server: ConfiguredServer,
    private readonly cwd: string,
  ) {}

  get name(): string {
    return this.server.name;
  }

  /** We closed it (the session ended): whatever fails from then on is not the server's fault. */
  get closedByUs(): boolean {
    return this.closing;
  }

  /** Connects (once; later calls wait for the same attempt). Never throws: see `state` and `error`. */
  connect(): Promise<void> {
    this.connecting ??= this.open().then(
      () => {
        this.state = "connected";
        this.error = undefined;
        // A restarted server may offer other tools than before.
        if (this.restarts > 0) this.onListChanged?.();
      },
      (error: unknown) => {
        this.state = "failed";
        this.error = this.describe(error);
        void this.client?.close().catch(() => {});
      },
    );
    if (this.state === "idle") this.state = "connecting";
    return this.connecting;
  }

  private async open(): Promise<void> {
    const [{ Client }, transport, types] = await Promise.all([import("@modelcontextprotocol/sdk/client/index.js"), this.transport(), import("@modelcontextprotocol/sdk/types.js")]);
    if (this.closing) throw new Error("closed before it connected");
    const client = new Client({ name: "nanocode", version: "1" });
    client.onclose = () => this.closed(client);
    this.watchLists(client, types);
    this.client = client;
    await client.connect(transport, { timeout: envMs("MCP_TIMEOUT", 30_000) });
    const caps = client.getServerCapabilities() ?? {};
    const [tools, resources, prompts] = await Promise.all([
      caps.tools ? client.listTools() : undefined,
      caps.resources ? client.listResources().catch(() => undefined) : undefined,
      caps.prompts ? client.listPrompts().catch(() => undefined) : undefined,
    ]);
    this.tools = tools?.tools ?? [];
    this.resources = resources?.resources ?? [];
    this.prompts = prompts?.prompts ?? [];
  }

  /**
   * notifications/{tools,prompts,resources}/list_changed: that list is fetched again, one refresh
   * after another. The handler runs before the response that follows the notification is read, so
   * a call that changed a list (callTool) can wait for the new one.
   */
  private watchLists(client: Client, types: typeof import("@modelcontextprotocol/sdk/types.js")): void {
    const { ToolListChangedNotificationSchema, PromptListChangedNotificationSchema, ResourceListChangedNotificationSchema } = types;
    const relist = (fetch: () => Promise<void>) => () => {
      this.relisting = this.relisting
        .then(fetch)
        .then(() => this.onListChanged?.())
        .catch(() => {}); // a server that cannot list any more reports that on its next call
    };
    client.setNotificationHandler(ToolListChangedNotificationSchema, relist(async () => void (this.tools = (await client.listTools()).tools)));
    client.setNotificationHandler(PromptListChangedNotificationSchema, relist(async () => void (this.prompts = (await client.listPrompts()).prompts)));
    client.setNotificationHandler(ResourceListChangedNotificationSchema, relist(async () => void (this.resources = (await client.listResources()).resources)));
  }

  private async transport(): Promise<Transport> {
    const config = this.server.config;
    if (config.type === "stdio") {
      const { StdioClientTransport } = await import("@modelcontextprotocol/sdk/client/stdio.js");
      const env = { ...(process.env as Record<string, string>), ...config.env };
      const transport = new StdioClientTransport({ command: config.command, args: config.args, env, cwd: config.cwd ?? this.cwd, stderr: "pipe" });
      // The last lines of the server's stderr explain most failures to start.
      transport.stderr?.on("data", (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-2000)));
      this.pid = () => transport.pid;
      return transport;
    }
    const requestInit = { headers: config.headers ?? {} };
    if (config.type === "sse") {
      const { SSEClientTransport } = await import("@modelcontextprotocol/sdk/client/sse.js");
      return new SSEClientTransport(new URL(config.url), { requestInit, eventSourceInit: { fetch: (url, init) => fetch(url, { ...init, headers: { ...init?.headers, ...config.headers } }) } });
    }
    const { StreamableHTTPClientTransport } = await import("@modelcontextprotocol/sdk/client/streamableHttp.js");
    return new StreamableHTTPClientTransport(new URL(config.url), { requestInit });
  }

  private describe(error: unknown): string {
    const config = this.server.config;
    const status = (error as { code?: unknown })?.code;
    if (config.type !== "stdio" && (status === 401 || (error as Error)?.name === "UnauthorizedError")) {
      // Claude Code signs in with OAuth here; nanocode does not (yet): say what works instead.
      return `${config.url} answered 401 Unauthorized: it wants a sign-in (OAuth), which nanocode does not do; if the server takes a token, add it as a header: nanocode mcp add -t ${config.type} -H "Authorization: Bearer <token>" ${this.name} ${config.url}`;
    }
    if (config.type === "stdio" && status === "ENOENT") return `command not found: ${config.command} (install it, or give its full path)`;
    const stderr = this.stderr.trim().split("\n").filter(Boolean).slice(-2).join(" | ");
    const where = this.server.config.type === "stdio" ? `${this.server.config.command} ${this.server.config.args.join(" ")}`.trim() : this.server.config.url;
    return `${plain(error)} (${where})${stderr ? `: ${stderr}` : ""}`;
  }

  /** The connection ended without us closing it: the server crashed or went away. */
  private closed(client: Client): void {
    if (this.closing || client !== this.client || this.state !== "connected") return;
    const code = this.server.config.type === "stdio" ? "it exited" : "the connection was lost";
    this.crash = `MCP server "${this.name}" stopped (${code})`;
    this.client = undefined;
    this.connecting = undefined;
    if (this.restarts >= 1) {
      this.state = "failed";
      this.error = `${this.crash} again after a restart; it stays stopped`;
      return;
    }
    this.restarts++;
    this.state = "connecting";
    void this.connect();
  }

  /** A connected client, or McpUnavailable saying why there is none (a crash is reported once). */
  private async ready(): Promise<Client> {
    if (this.crash) {
      const crash = this.crash;
      this.crash = undefined;
      throw new McpUnavailable(`${crash}. ${this.state === "failed" ? "It was already restarted once and stays stopped." : "It is being restarted: anything it held in memory is gone. Call the tool again."}`);
    }
    await this.connect();
    if (this.state !== "connected" || !this.client) throw new McpUnavailable(`MCP server "${this.name}" is not available: ${this.error ?? "not connected"}`);
    return this.client;
  }

  private timeoutMs(): number {
    return this.server.config.timeout ?? envMs("MCP_TOOL_TIMEOUT", 10 * 60_000);
  }

  /** Runs one tool; a crash, timeout or protocol error becomes McpUnavailable with one clear sentence. */
  async callTool(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult> {
    const client = await this.ready();
    const timeout = this.timeoutMs();
    try {
      const result = (await client.callTool({ name, arguments: args }, undefined, { signal, timeout, resetTimeoutOnProgress: true })) as CallToolResult;
      // A call that changed the server's lists: the next request sees the new ones.
      await this.relisting;
      return result;
    } catch (error) {
      if (signal.aborted) throw error;
      const message = error instanceof Error ? error.message : String(error);
      if (/timed out|RequestTimeout|-32001/i.test(message)) {
        throw new McpUnavailable(`MCP tool ${name} on server "${this.name}" timed out after ${timeout < 10_000 ? `${timeout} ms` : `${Math.round(timeout / 1000)} s`} (raise MCP_TOOL_TIMEOUT, in ms, or the server's "timeout")`);
      }
      if (this.crash || this.state !== "connected") {
        this.crash = undefined;
        throw new McpUnavailable(`MCP server "${this.name}" stopped while running ${name} (${message}); ${this.state === "failed" ? "it stays stopped" : "it is being restarted: call the tool again"}`);
      }
      throw new McpUnavailable(`MCP tool ${name} failed: ${plain(error)}`);
    }
  }

  async readResource(uri: string, signal?: AbortSignal): Promise<ResourceContents[]> {
    const client = await this.ready();
    const result = await client.readResource({ uri }, { signal, timeout: this.timeoutMs() }).catch((error: Error) => {
      throw new McpUnavailable(`cannot read ${uri} from MCP server "${this.name}": ${plain(error)}`);
    });
    return result.contents as ResourceContents[];
  }

  async getPrompt(name: string, args: Record<string, string>): Promise<PromptMessage[]> {
    const client = await this.ready();
    const result = await client.getPrompt({ name, arguments: args }, { timeout: this.timeoutMs() }).catch((error: Error) => {
      throw new McpUnavailable(`MCP prompt ${name} on server "${this.name}" failed: ${plain(error)}`);
    });
    return result.messages;
  }

  /** Ends the connection; a stdio server gets 100 ms to exit on its closed stdin, then SIGTERM (the SDK would wait 2 s). */
  async close(): Promise<void> {
    this.closing = true;
    const pid = this.pid?.();
    const hurry = pid
      ? setTimeout(() => {
          try {
            process.kill(pid, "SIGTERM");
          } catch {}
        }, 100)
      : undefined;
    await this.client?.close().catch(() => {});
    clearTimeout(hurry);
  }
}

/** What reading a resource returns: text, or a blob in base64. */
export type ResourceContents = { uri: string; mimeType?: string; text?: string; blob?: string };
