import { readFile } from "node:fs/promises";
import { dirname, extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { CodeIntelligence } from "../registry/agent-api.ts";
import type { LspServerInfo } from "../registry/command-api.ts";
import type { LspQuery } from "./query.ts";
import { KNOWN_SERVERS, languageOf, type LspServerEntry, markedRoot } from "./config.ts";
import { type FileDiagnostics, formatDiagnostics, splitByAge } from "./diagnostics.ts";
import type { LanguageServer } from "./server.ts";

const DEFAULT_WAIT_MS = 3000;
const DEFAULT_STARTUP_MS = 30_000;
const REQUEST_MS = 15_000;
/** JSON-RPC's answer to a request the server has no handler for. */
const METHOD_NOT_FOUND = -32601;

/** Which server takes a file, and for which root. */
type Route = { entry: LspServerEntry; root: string; languageId: string };

/** One server for one root: started on first need, restarted after a crash up to its limit, then left off. */
type Slot = { route: Route; server?: LanguageServer; starting?: Promise<LanguageServer | undefined>; restarts: number; failed?: string; files: Set<string> };

// PATH read now: Bun.which alone does not see changes made to process.env.
const DEPENDENCIES = /\/(node_modules|site-packages)\//;
/** Where to look for a file's project root from: the folder holding the first node_modules or site-packages on its path, else its own folder. */
const searchFrom = (path: string) => {
  const at = DEPENDENCIES.exec(path);
  return at ? path.slice(0, at.index) || "/" : dirname(path);
};
/** Larger files are not handed to a server: a bundle or generated file would cost it more than it tells. */
const MAX_TEXT = 2_000_000;

const which = (command: string) => command.includes("/") || Bun.which(command, { PATH: process.env.PATH ?? "" }) !== null;

/**
 * The session's language servers. Nothing starts before a file of a server's language is read,
 * edited or asked about; then one server runs per language and workspace root. Configured servers
 * (settings `lspServers`, later plugins) come first; known ones apply when their command is on
 * PATH and a marker file (tsconfig.json, pyproject.toml, go.mod…) shows the project's root.
 */
export class LspManager implements CodeIntelligence {
  private readonly slots = new Map<string, Slot>();
  private closed = false;
  /** Ends starts under way when the session closes. */
  private readonly closing = new AbortController();

  constructor(
    private readonly entries: readonly LspServerEntry[],
    private readonly cwd: string,
    private readonly options: { waitMs?: number; notice?: (line: string) => void } = {},
  ) {}

  /** The servers the project may use: every configured one, and the known ones on PATH whose markers are at or above `cwd`. Cheap (a few stat calls), for start-up. */
  static forProject(configured: LspServerEntry[], cwd: string, options: ConstructorParameters<typeof LspManager>[2] = {}): LspManager | undefined {
    // A configured server replaces the known one of the same name.
    const known = KNOWN_SERVERS.filter((k) => !configured.some((c) => c.name === k.name) && which(k.config.command) && markedRoot(cwd, k.markers!));
    const entries = [...configured, ...known];
    return entries.length === 0 ? undefined : new LspManager(entries, cwd, options);
  }

  private route(path: string): Route | undefined {
    for (const entry of this.entries) {
      const languageId = languageOf(entry, path);
      if (!languageId) continue;
      if (!entry.markers) return { entry, languageId, root: resolve(this.cwd, entry.config.workspaceFolder ?? ".") };
      // A dependency's file belongs to the project that installed it: its own package.json must not start a server of its own.
      const root = markedRoot(searchFrom(path), entry.markers);
      if (root) return { entry, languageId, root };
    }
    return undefined;
  }

  private slot(route: Route): Slot {
    const key = `${route.entry.name}\0${route.root}`;
    let slot = this.slots.get(key);
    if (!slot) this.slots.set(key, (slot = { route, restarts: 0, files: new Set() }));
    return slot;
  }

  /** The running server of `slot`, starting it (again, after a crash, within its limit) when needed. */
  private server(slot: Slot): Promise<LanguageServer | undefined> {
    if (slot.server?.alive) return Promise.resolve(slot.server);
    if (slot.failed || this.closed) return Promise.resolve(undefined);
    slot.starting ??= this.start(slot).finally(() => {
      slot.starting = undefined;
    });
    return slot.starting;
  }

  private async start(slot: Slot): Promise<LanguageServer | undefined> {
    const { entry, root } = slot.route;
    const { LanguageServer } = await import("./server.ts");
    const limit = entry.config.restartOnCrash === false ? 0 : (entry.config.maxRestarts ?? 1);
    for (;;) {
      try {
        const server = await LanguageServer.start(entry.config, root, entry.config.startupTimeout ?? DEFAULT_STARTUP_MS, this.closing.signal);
        if (this.closed) {
          await server.stop();
          return undefined;
        }
        server.onCrash = (why) => this.crashed(slot, why);
        slot.server = server;
        return server;
      } catch (error) {
        if (this.closed) return undefined;
        if (slot.restarts >= limit) {
          this.giveUp(slot, `failed to start: ${(error as Error).message}`);
          return undefined;
        }
        slot.restarts += 1;
      }
    }
  }

  private crashed(slot: Slot, why: string): void {
    slot.server = undefined;
    const limit = slot.route.entry.config.restartOnCrash === false ? 0 : (slot.route.entry.config.maxRestarts ?? 1);
    if (slot.restarts >= limit) this.giveUp(slot, `stopped: ${why}`);
    else slot.restarts += 1;
  }

  private giveUp(slot: Slot, why: string): void {
    const { entry } = slot.route;
    slot.failed = why;
    const extensions = Object.keys(entry.config.extensionToLanguage).join(" ");
    this.options.notice?.(`language server "${entry.name}" ${why}; it is left off for this session (no diagnostics or LSP answers for ${extensions} files)`);
  }

  /** The server for `path` with the file's current content shown to it; undefined when it has none or it cannot run. */
  private async ready(path: string, deadline?: Promise<unknown>): Promise<{ server: LanguageServer; route: Route; text: string } | undefined> {
    const route = this.route(path);
    if (!route) return undefined;
    const slot = this.slot(route);
    slot.files.add(path);
    // The content as it is now: a file read while its server starts is shown to it as read, not as a later edit left it.
    const reading = readFile(path, "utf8").catch(() => undefined);
    const started = this.server(slot);
    const server = await (deadline ? Promise.race([started, deadline.then(() => undefined)]) : started);
    const text = await reading;
    if (!server || text === undefined || text.length > MAX_TEXT) return undefined;
    return { server, route, text };
  }

  touch(path: string): void {
    if (this.closed || !this.route(path)) return;
    void this.ready(path).then((r) => r?.server.show(path, r.text, r.route.languageId)).catch(() => {});
  }

  async afterEdit(paths: string[], signal: AbortSignal): Promise<string> {
    const waitMs = this.options.waitMs ?? DEFAULT_WAIT_MS;
    if (this.closed || waitMs === 0) return "";
    const deadline = performance.now() + waitMs;
    // A server still starting is waited for until the bound, or until the call is interrupted.
    const expired = new Promise<void>((resolve) => {
      setTimeout(resolve, waitMs).unref();
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
    const edited: FileDiagnostics[] = [];
    const broken: FileDiagnostics[] = [];
    const notes: string[] = [];
    for (const path of paths) {
      const ready = await this.ready(path, expired).catch(() => undefined);
      if (!ready) {
        const route = this.route(path);
        const slot = route && this.slot(route);
        if (slot?.starting) notes.push(`(language server "${slot.route.entry.name}" is still starting: no diagnostics for this edit)`);
        continue;
      }
      const { server, route, text } = ready;
      const uri = pathToFileURL(path).href;
      await server.baseline(deadline, signal);
      const before = server.snapshot();
      const mark = await server.resync(path, text, route.languageId);
      await server.settle(uri, mark, deadline, signal);
      const now = server.publishedSince(mark);
      edited.push({ uri, now: now.get(uri) ?? server.diagnosticsOf(uri) ?? [], before: before.get(uri) });
      // Other open files the edit broke: only errors new against what the server said of them before.
      for (const [other, diagnostics] of now) {
        const earlier = before.get(other);
        const added = earlier && splitByAge(diagnostics, earlier).added.filter((d) => (d.severity ?? 1) === 1);
        if (other !== uri && added?.length) broken.push({ uri: other, now: added });
      }
    }
    return [formatDiagnostics(this.cwd, [...edited, ...broken]), ...notes].filter(Boolean).join("\n");
  }

  async afterCommand(signal: AbortSignal): Promise<string> {
    const open = [...this.slots.values()].flatMap((slot) => (slot.server?.alive ? slot.server.openFiles() : []));
    const now = await Promise.all(open.map(({ path }) => readFile(path, "utf8").catch(() => undefined)));
    const changed = open.filter((file, i) => now[i] !== undefined && now[i] !== file.text).map((file) => file.path);
    return changed.length > 0 ? this.afterEdit(changed, signal) : "";
  }

  async query(request: LspQuery, signal: AbortSignal, canRead: (path: string) => boolean = () => true): Promise<string> {
    const path = resolve(this.cwd, request.filePath);
    const route = this.route(path);
    if (!route) return `No language server is available for ${extname(path) || "this kind of"} files${this.entries.length ? ` (servers here take: ${[...new Set(this.entries.flatMap((e) => Object.keys(e.config.extensionToLanguage)))].join(" ")})` : ""}.`;
    const ready = await this.ready(path);
    const slot = this.slot(route);
    if (!ready) throw new Error(slot.failed ? `language server "${route.entry.name}" ${slot.failed}` : `cannot read ${path}`);
    await ready.server.show(path, ready.text, route.languageId);
    const { runQuery } = await import("./operations.ts");
    try {
      return await runQuery(ready.server, request, { path, cwd: this.cwd, canRead }, REQUEST_MS, signal);
    } catch (error) {
      if ((error as { code?: unknown }).code === METHOD_NOT_FOUND) return `The language server "${route.entry.name}" does not support ${request.operation}.`;
      const { ServerFailure } = await import("./server.ts");
      // A server that stops answering is taken for hung: it is ended and restarted on next need (once).
      if (error instanceof ServerFailure && ready.server.alive) {
        ready.server.kill();
        this.crashed(slot, error.message);
      }
      throw error;
    }
  }

  status(): LspServerInfo[] {
    const running = [...this.slots.values()];
    const idle = this.entries.filter((e) => !running.some((s) => s.route.entry === e));
    return [
      ...running.map((s) => ({ name: s.route.entry.name, command: s.route.entry.config.command, root: s.route.root, extensions: Object.keys(s.route.entry.config.extensionToLanguage), origin: s.route.entry.origin, state: s.failed ? ("failed" as const) : s.server?.alive ? ("running" as const) : ("starting" as const), error: s.failed, files: [...s.files] })),
      ...idle.map((e) => ({ name: e.name, command: e.config.command, extensions: Object.keys(e.config.extensionToLanguage), origin: e.origin, state: "idle" as const, files: [] })),
    ];
  }

  /** Starts the server of every entry for the project's own root, as `nanocode lsp` checks them; their states are then in status(). */
  async startAll(): Promise<void> {
    await Promise.all(
      this.entries.map((entry) => {
        const root = entry.markers ? markedRoot(this.cwd, entry.markers) : resolve(this.cwd, entry.config.workspaceFolder ?? ".");
        const languageId = Object.values(entry.config.extensionToLanguage)[0];
        return root && languageId ? this.server(this.slot({ entry, root, languageId })) : undefined;
      }),
    );
  }

  /** Shuts every server down (killing what does not stop in time); also those still starting. */
  async close(): Promise<void> {
    this.closed = true;
    this.closing.abort();
    await Promise.all([...this.slots.values()].map(async (slot) => (slot.server ?? (await slot.starting?.catch(() => undefined)))?.stop()));
  }
}
