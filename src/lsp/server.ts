// One running language server: a child process spoken to in JSON-RPC over stdio. This module
// (and vscode-jsonrpc with it) is imported only when the first server starts.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import type { ClientCapabilities, Diagnostic, InitializeParams, InitializeResult, PublishDiagnosticsParams } from "vscode-languageserver-protocol";
import { killGroup } from "../shell/run-shell.ts";
import { rememberGroup, sessionMarker } from "../shell/session-processes.ts";
import type { LspServerConfig } from "./config.ts";

export const uriOf = (path: string) => pathToFileURL(path).href;

/** What the client can take: diagnostics and the read-only questions the LSP tool asks, nothing that edits. */
const CAPABILITIES: ClientCapabilities = {
  general: { positionEncodings: ["utf-16"] },
  workspace: { configuration: true, workspaceFolders: true, symbol: {} },
  textDocument: {
    synchronization: { didSave: false },
    publishDiagnostics: { versionSupport: true, relatedInformation: false },
    definition: { linkSupport: true },
    implementation: { linkSupport: true },
    references: {},
    hover: { contentFormat: ["plaintext", "markdown"] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    callHierarchy: {},
  },
};

const STDERR_KEPT = 2000;

/** A server that did not come up, or stopped answering: the manager restarts it once, then leaves it off. */
export class ServerFailure extends Error {}

type Published = { diagnostics: Diagnostic[]; version?: number; seq: number; at: number };

export class LanguageServer {
  private readonly docs = new Map<string, { version: number; text: string; languageId: string }>();
  private readonly published = new Map<string, Published>();
  private readonly waiters = new Set<() => void>();
  private readonly awaited = new Set<string>();
  private seq = 0;
  private lastPublishAt = 0;
  private stderr = "";
  private exited = false;
  /** Called once when the process ends without being asked to. */
  onCrash?: (why: string) => void;

  private constructor(
    readonly config: LspServerConfig,
    readonly root: string,
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
  ) {}

  /** Spawns the server and initializes it for `root`; rejects with a ServerFailure saying why it could not. `cancel` ends a start under way (the session closing). */
  static async start(config: LspServerConfig, root: string, timeoutMs: number, cancel?: AbortSignal): Promise<LanguageServer> {
    // Marked as the session's: whatever way nanocode ends (a signal included), the server and what it started end too.
    const child = spawn(config.command, config.args, { cwd: root, env: { ...process.env, ...config.env, ...sessionMarker() }, stdio: ["pipe", "pipe", "pipe"], detached: true });
    if (child.pid !== undefined) rememberGroup(child.pid);
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const server = new LanguageServer(config, root, child, connection);
    return server.initialize(timeoutMs, cancel);
  }

  private async initialize(timeoutMs: number, cancel?: AbortSignal): Promise<LanguageServer> {
    const { child, connection, config, root } = this;
    const ended = new Promise<never>((_, reject) => {
      child.once("error", (error) => reject(new ServerFailure((error as NodeJS.ErrnoException).code === "ENOENT" ? `${config.command} not found` : error.message)));
      child.once("exit", (code, signal) => {
        this.exited = true;
        const why = `${config.command} exited (${signal ?? `code ${code}`})${this.lastStderr()}`;
        // Rejected before the connection is disposed: the reason is the exit, not the pending initialize it cancels.
        reject(new ServerFailure(why));
        this.wake();
        connection.dispose();
        this.onCrash?.(why);
      });
    });
    ended.catch(() => {});
    child.stderr!.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-STDERR_KEPT);
    });
    // A server that dies mid-write must not take nanocode down with an EPIPE.
    child.stdin!.on("error", () => {});
    connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => this.publish(params));
    connection.onRequest("workspace/configuration", (params: { items: unknown[] }) => params.items.map(() => config.settings ?? null));
    connection.onRequest("client/registerCapability", () => null);
    connection.onRequest("window/workDoneProgress/create", () => null);
    connection.onRequest("workspace/workspaceFolders", () => [{ uri: uriOf(root), name: root }]);
    connection.onError(() => {});
    connection.listen();
    const params: InitializeParams = {
      processId: process.pid,
      clientInfo: { name: "nanocode" },
      rootUri: uriOf(root),
      workspaceFolders: [{ uri: uriOf(root), name: root }],
      capabilities: CAPABILITIES,
      initializationOptions: config.initializationOptions,
    };
    try {
      const cancelled = new Promise<never>((_, reject) => cancel?.addEventListener("abort", () => reject(new ServerFailure("start cancelled")), { once: true }));
      if (cancel?.aborted) throw new ServerFailure("start cancelled");
      await Promise.race([connection.sendRequest<InitializeResult>("initialize", params), ended, cancelled, timeout(timeoutMs, `${config.command} did not answer initialize within ${timeoutMs} ms`)]);
      await connection.sendNotification("initialized", {});
      if (config.settings !== undefined) await connection.sendNotification("workspace/didChangeConfiguration", { settings: config.settings });
    } catch (error) {
      this.kill();
      throw error instanceof ServerFailure ? error : new ServerFailure(String((error as Error).message ?? error));
    }
    return this;
  }

  get alive(): boolean {
    return !this.exited;
  }

  private lastStderr(): string {
    const line = this.stderr.trim().split("\n").at(-1)?.trim();
    return line ? `: ${line.slice(0, 200)}` : "";
  }

  private publish({ uri, diagnostics, version }: PublishDiagnosticsParams): void {
    this.lastPublishAt = performance.now();
    this.published.set(uri, { diagnostics, version, seq: ++this.seq, at: this.lastPublishAt });
    this.wake();
  }

  private wake(): void {
    for (const wake of [...this.waiters]) wake();
  }

  /** The diagnostics last published for `uri`; undefined when the server has said nothing of it. */
  diagnosticsOf(uri: string): Diagnostic[] | undefined {
    return this.published.get(uri)?.diagnostics;
  }

  /** Every file the server published diagnostics for after `mark` (see resync), with them. */
  publishedSince(mark: number): Map<string, Diagnostic[]> {
    return new Map([...this.published].filter(([, p]) => p.seq > mark).map(([uri, p]) => [uri, p.diagnostics]));
  }

  /** Every file's diagnostics as last published. */
  snapshot(): Map<string, Diagnostic[]> {
    return new Map([...this.published].map(([uri, p]) => [uri, p.diagnostics]));
  }

  /** The files open in the server, each with the content it was last shown. */
  openFiles(): { path: string; text: string }[] {
    return [...this.docs].map(([uri, doc]) => ({ path: fileURLToPath(uri), text: doc.text }));
  }

  /** Tells the server about `text` as the content of `path` (opening it if needed), unless it already has it. */
  async show(path: string, text: string, languageId: string): Promise<void> {
    const uri = uriOf(path);
    const doc = this.docs.get(uri);
    if (doc?.text === text) return;
    if (!doc) return this.open(uri, text, languageId, 1);
    doc.version += 1;
    doc.text = text;
    await this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: doc.version }, contentChanges: [{ text }] });
  }

  /**
   * Hands the server the file's new content as a freshly opened document and returns a mark for
   * `settle`. Reopening, not a change, because some servers (typescript-language-server) publish
   * nothing when a file stays clean: a new document always gets its diagnostics published. The
   * `$/` request in between is answered in order, so the empty list a server publishes on close
   * comes before the mark and is not taken for the new state.
   */
  async resync(path: string, text: string, languageId: string): Promise<number> {
    const uri = uriOf(path);
    const doc = this.docs.get(uri);
    if (doc) {
      this.docs.delete(uri);
      await this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
      await Promise.race([this.connection.sendRequest("$/nanocode/barrier").catch(() => {}), Bun.sleep(500)]);
    }
    const mark = this.seq;
    await this.open(uri, text, languageId, (doc?.version ?? 0) + 1);
    return mark;
  }

  private async open(uri: string, text: string, languageId: string, version: number): Promise<void> {
    this.docs.set(uri, { version, text, languageId });
    await this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version, text } });
  }

  /**
   * Waits until the server has published `uri`'s diagnostics after `mark` (see resync) and then
   * nothing more for a quiet spell, or until `deadline` (a performance.now() time) or `signal`.
   * A server that says which version it checked is done when it has checked the current one; one
   * that does not (typescript-language-server) publishes in passes (syntax first, types later), so
   * the quiet spell is one and a half times what its first pass took (bench/lsp.ts). Resolves whether fresh diagnostics came.
   */
  async settle(uri: string, mark: number, deadline: number, signal: AbortSignal): Promise<boolean> {
    const started = performance.now();
    let quietMs: number | undefined;
    const fresh = () => {
      const p = this.published.get(uri);
      const version = this.docs.get(uri)?.version;
      const ok = p !== undefined && p.seq > mark && (p.version === undefined || version === undefined || p.version >= version);
      if (ok && quietMs === undefined) quietMs = p.version !== undefined ? 50 : Math.min(1500, Math.max(150, 1.5 * (p.at - started)));
      return ok;
    };
    while (!signal.aborted && this.alive) {
      const now = performance.now();
      if (fresh() && now - this.lastPublishAt >= quietMs!) return true;
      if (now >= deadline) return fresh();
      await this.wait(fresh() ? Math.min(deadline, this.lastPublishAt + quietMs!) : deadline, signal);
    }
    return fresh();
  }

  /**
   * Waits until the server has published diagnostics for every open file (or `deadline`): what an
   * edit's result is compared with, to tell what it broke from what was broken before. A file is
   * waited for once: a server that never publishes for it (an excluded file) costs one wait, not one per edit.
   */
  async baseline(deadline: number, signal: AbortSignal): Promise<void> {
    const pending = [...this.docs.keys()].filter((uri) => !this.published.has(uri) && !this.awaited.has(uri));
    while (pending.some((uri) => !this.published.has(uri)) && !signal.aborted && this.alive && performance.now() < deadline) await this.wait(deadline, signal);
    for (const uri of pending) this.awaited.add(uri);
  }

  /** Until the next publish, `until` (a performance.now() time), the end or `signal`. */
  private wait(until: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, until - performance.now()));
      this.waiters.add(done);
      signal.addEventListener("abort", done, { once: true });
    });
  }

  /** A request with a time limit; a server that lets it pass is taken for hung (ServerFailure). */
  async request<T>(method: string, params: unknown, timeoutMs: number): Promise<T> {
    return Promise.race([this.connection.sendRequest<T>(method, params), timeout(timeoutMs, `${this.config.command} did not answer ${method} within ${timeoutMs} ms`)]);
  }

  /** Asks the server to shut down and exit; kills it (and what it started) if it has not within the time allowed. */
  async stop(timeoutMs = this.config.shutdownTimeout ?? 2000): Promise<void> {
    if (this.exited) return;
    this.onCrash = undefined;
    const gone = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    try {
      await Promise.race([this.connection.sendRequest("shutdown").then(() => this.connection.sendNotification("exit")), timeout(timeoutMs, "shutdown")]);
      await Promise.race([gone, Bun.sleep(timeoutMs)]);
    } catch {
      // Hung or gone: killed below.
    }
    this.kill();
    await Promise.race([gone, Bun.sleep(500)]);
    // What the server started (tsserver) may outlive it by a moment: nanocode exits only once the group is gone.
    for (let i = 0; i < 50 && this.child.pid !== undefined && groupAlive(this.child.pid); i++) await Bun.sleep(20);
  }

  /** Ends the server's whole process group: typescript-language-server runs tsserver as a child of its own. */
  kill(): void {
    this.onCrash = undefined;
    if (this.child.pid !== undefined) killGroup(this.child.pid);
    this.connection.dispose();
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function timeout(ms: number, why: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new ServerFailure(why)), ms).unref?.());
}
