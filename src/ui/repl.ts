import type { AgentSession } from "../agent/session.ts";
import type { SessionServices } from "../agents/services.ts";
import type { Created } from "../cli/setup.ts";
import type { Hooks } from "../hooks/hooks.ts";
import type { LspManager } from "../lsp/manager.ts";
import type { McpManager } from "../mcp/manager.ts";
import type { Asker } from "../permissions/ask.ts";
import type { PermissionEngine } from "../permissions/engine.ts";
import type { SkillRuntime } from "../skills/runtime.ts";
import type { UserMessage } from "../model/messages.ts";
import type { PermissionMode } from "../permissions/gate.ts";
import { type CommandInfo, listFiles } from "./completion.ts";
import { InputHistory } from "./history.ts";
import { KeyParser, type Key } from "./keys.ts";
import { askPermission } from "./permission-prompt.ts";
import { type InputAction, PromptInput } from "./prompt.ts";
import { Screen } from "./screen.ts";
import { DoublePress } from "./double-press.ts";
import { ModalQueue } from "./modals.ts";
import type { SelectResult, SelectView } from "./select.ts";
import { cycleMode, statusLine } from "./status-line.ts";
import { type Style, styleFor } from "./style.ts";
import { enterRawMode, type Terminal } from "./terminal.ts";
import { TurnView } from "./turn-view.ts";
import { ReplUserPrompts } from "./user-prompts.ts";

/** What the REPL does with a line it does not handle itself (commands, `!`, `#`): see src/ui/dispatch.ts. */
export type LineHandler = (text: string, repl: Repl) => Promise<void>;

export type ReplOptions = {
  opened: Created;
  commands: () => readonly CommandInfo[];
  handleLine: LineHandler;
  version: string;
};

/**
 * The interactive session: reads keys, keeps the input responsive at all times (typing while a
 * response streams, Esc to interrupt it), shows each turn as it streams, and hands every submitted
 * line to `handleLine`. Output goes through Screen: the transcript is appended, only the live rows
 * at the bottom are redrawn.
 */
export class Repl {
  readonly screen = new Screen(process.stdout);
  readonly style: Style = styleFor(true);
  session: AgentSession;
  skills: SkillRuntime;
  mcp?: McpManager;
  private hooks?: Hooks;
  private lsp?: LspManager;
  private permissions: PermissionEngine;
  readonly input: PromptInput;
  /** Answers the permission engine's questions (and tells Notification hooks); the CLI gives it to each session it opens. */
  readonly asker: Asker = {
    ask: (request, signal) => {
      void this.hooks?.run("Notification", { message: `nanocode needs your permission to use ${request.toolName}`, notification_type: "permission_prompt" });
      return askPermission(this, request, signal);
    },
  };
  private readonly keys = new KeyParser();
  private readonly modals = new ModalQueue(() => this.draw());
  private turn?: { controller: AbortController; view?: TurnView };
  private readonly queued: string[] = [];
  private files: string[] = [];
  private filesLoading?: Promise<void>;
  private frame = 0;
  private ticker?: Timer;
  private hint?: { text: string; until: number };
  private readonly ctrlC = new DoublePress(2000);
  private readonly esc = new DoublePress(800);
  private contextTokens = 0;
  private terminal?: Terminal;
  private exiting?: (code: number) => void;
  private closed = false;
  private readonly bypassAllowed: boolean;

  constructor(private readonly options: ReplOptions) {
    ({ session: this.session, skills: this.skills, permissions: this.permissions, mcp: this.mcp, hooks: this.hooks, lsp: this.lsp } = options.opened);
    this.bypassAllowed = this.permissions.mode === "bypassPermissions";
    const cwd = this.session.env.cwd;
    this.input = new PromptInput(new InputHistory(cwd), {
      commands: options.commands,
      files: () => {
        this.filesLoading ??= listFiles(cwd).then((files) => {
          this.files = files;
          this.input.refreshMenu();
          this.draw();
        });
        return this.files;
      },
    });
    this.attachUser();
    const s = this.style;
    this.print([`${s.magenta("✻")} ${s.bold("nanocode")} ${s.dim(options.version)}  ${s.dim(cwd)}`, s.dim("  /help for commands · ! runs a shell command · # adds to memory · @ attaches a file")]);
  }

  get columns(): number {
    return this.screen.columns;
  }

  /** Runs until the user exits; returns the exit code. `initial` lines are submitted first, in order, as if typed. */
  run(...initial: string[]): Promise<number> {
    const done = new Promise<number>((resolve) => (this.exiting = resolve));
    this.takeTerminal();
    this.draw();
    for (const line of initial) this.submit(line);
    return done;
  }

  /** Gives the terminal to another program (an editor) until `work` ends. */
  async suspend(work: () => Promise<void>): Promise<void> {
    this.screen.setLive([]);
    this.screen.flush();
    this.terminal?.restore();
    try {
      await work();
    } finally {
      this.takeTerminal();
      this.draw();
    }
  }

  private takeTerminal(): void {
    this.terminal = enterRawMode(
      (chunk) => this.onData(chunk),
      () => {
        this.screen.resized();
        this.draw();
      },
    );
  }

  print(lines: string | string[]): void {
    this.screen.print(lines);
  }

  /** One line for the user that is not part of a turn (a hook's message, an MCP server failing); stderr once the REPL has closed. */
  notice(text: string): void {
    if (this.closed) process.stderr.write(`nanocode: ${text}\n`);
    else this.print(this.style.yellow(`⚠ ${text}`));
  }

  /** Shows a modal choice (one at a time, in order); resolves with the choice, or undefined when dismissed or aborted. */
  show(view: SelectView, signal?: AbortSignal): Promise<SelectResult> {
    return this.modals.show(view, signal);
  }

  /**
   * A choice the running turn waits for (a permission prompt, AskUserQuestion, plan approval). As
   * in Claude Code, Esc or Ctrl+C there refuses and also stops the turn: every call still gets its
   * result, and the person types what to do instead.
   */
  async showForTurn(view: SelectView, signal?: AbortSignal): Promise<SelectResult> {
    const result = await this.modals.show(view, signal);
    if (result === undefined && !signal?.aborted) this.interrupt();
    return result;
  }

  /** Stops the running turn, if any. */
  interrupt(): void {
    this.turn?.controller.abort();
  }

  get mode(): PermissionMode {
    return this.permissions.mode;
  }

  /** Through the session's mode switch when it has one, so leaving plan mode returns to the mode it was entered from. */
  setMode(mode: PermissionMode): void {
    const modes = this.session.env.services?.modes;
    if (modes) modes.set(mode);
    else this.permissions.mode = mode;
    this.draw();
  }

  /** Replaces the session (/clear, /resume), keeping the permission mode. */
  replaceSession(opened: Created): void {
    opened.permissions.mode = this.mode;
    void this.mcp?.close();
    void this.lsp?.close();
    void this.hooks?.run("SessionEnd", { reason: "clear" });
    ({ session: this.session, skills: this.skills, permissions: this.permissions, mcp: this.mcp, hooks: this.hooks, lsp: this.lsp } = opened);
    this.contextTokens = 0;
    this.attachUser();
  }

  exit(code = 0): void {
    this.closed = true;
    this.interrupt();
    void this.mcp?.close();
    if (this.ticker) clearInterval(this.ticker);
    this.screen.setLive([]);
    this.screen.close();
    this.terminal?.restore();
    // As Claude Code does: the way back into a conversation that was kept.
    if (this.session.store && this.session.messages.length > 0) process.stdout.write(`${this.style.dim(`Resume this session with: nanocode --resume ${this.session.id}`)}\n`);
    // Language servers are asked to stop before the process ends: none is left behind.
    const ended = Promise.all([this.hooks?.run("SessionEnd", { reason: "prompt_input_exit" }), this.lsp?.close()]);
    void ended.finally(() => this.exiting?.(code));
  }

  /** Sends a message to the model and shows the turn; resolves when it has ended. */
  async send(message: UserMessage | string, echo?: string, target: AgentSession = this.session): Promise<void> {
    const s = this.style;
    if (echo !== undefined) this.print(["", ...echo.split("\n").map((l, i) => s.dim(`${i === 0 ? ">" : " "} ${l}`))]);
    const controller = new AbortController();
    const view = new TurnView(this.screen, s, () => this.session.env.cwd);
    await this.busy(controller, view, async () => {
      for await (const event of target.send(message, controller.signal)) {
        view.event(event);
        if (event.type === "assistant") {
          const u = event.usage;
          this.contextTokens = u.input_tokens + u.cache_read_input_tokens + u.cache_creation_input_tokens + u.output_tokens;
        }
        this.draw();
      }
    });
  }

  /** Runs work that may be interrupted with Esc (a shell command, a command module), with the spinner going. */
  async busy<T>(controller: AbortController, view: TurnView | undefined, work: () => Promise<T>): Promise<T | undefined> {
    this.turn = { controller, view };
    this.ticker = setInterval(() => {
      this.frame++;
      this.draw();
    }, 100);
    try {
      return await work();
    } catch (error) {
      this.print(this.style.red(`● ${(error as Error).message ?? String(error)}`));
      return undefined;
    } finally {
      clearInterval(this.ticker);
      this.ticker = undefined;
      this.turn = undefined;
      this.draw();
    }
  }

  /** The session's tools reach the user here (AskUserQuestion, plan approval). */
  private attachUser(): void {
    const services = this.session.env.services as SessionServices | undefined;
    if (services) services.user = new ReplUserPrompts(this);
  }

  private onData(chunk: string): void {
    for (const key of this.keys.feed(chunk)) this.onKey(key);
    this.draw();
  }

  private onKey(key: Key): void {
    // Esc Esc is two presses in a row: Esc, a typed letter, Esc must not clear the line.
    if (key.name !== "escape") this.esc.reset();
    if (this.modals.handle(key)) return;
    const action = this.input.handle(key);
    if (action) this.act(action);
  }

  private act(action: InputAction): void {
    switch (action.type) {
      case "submit":
        this.submit(action.text);
        return;
      case "escape":
        this.escape();
        return;
      case "ctrl-c":
        if (this.turn) this.turn.controller.abort();
        else if (this.input.text !== "") this.input.clear();
        else if (this.ctrlC.press()) this.exit(0);
        else this.flash("Press Ctrl+C again to exit", 2000);
        return;
      case "exit":
        this.exit(0);
        return;
      case "cycle-mode":
        this.setMode(cycleMode(this.mode, this.bypassAllowed));
        return;
      case "redraw":
        process.stdout.write("\x1b[2J\x1b[H");
        return;
    }
  }

  /**
   * Esc stops the running turn. Twice in a row on an empty prompt it opens /rewind (once the turn
   * has stopped); twice on typed text it clears it, keeping it in the history (Claude Code's Esc Esc).
   */
  private escape(): void {
    const twice = this.esc.press();
    const running = this.turn !== undefined;
    this.interrupt();
    if (this.input.text !== "") {
      // What was typed during a turn is the next message: stopping the turn must not lose it.
      if (running) this.esc.reset();
      else if (twice) this.input.clear(true);
      else this.flash("Esc again to clear", 800);
    } else if (twice && this.session.messages.length > 0) this.submit("/rewind");
  }

  /** A hint in the status line for a moment. */
  private flash(text: string, ms: number): void {
    this.hint = { text, until: Date.now() + ms };
    setTimeout(() => this.draw(), ms + 50);
  }

  private submit(text: string): void {
    if (text.trim() === "") return;
    if (this.turn) {
      this.queued.push(text);
      return;
    }
    void this.options.handleLine(text, this).then(() => {
      const next = this.queued.shift();
      if (next !== undefined) this.submit(next);
    });
  }

  private draw(): void {
    const s = this.style;
    const columns = this.columns;
    const rows: string[] = [];
    if (this.turn?.view) rows.push(...this.turn.view.live(this.frame));
    else if (this.turn) rows.push("", `${s.magenta("⠿")} ${s.dim("Running… (esc to interrupt)")}`);
    for (const q of this.queued) rows.push(s.dim(`  ⎿ queued: ${q.split("\n")[0]}`));
    const modal = this.modals.current;
    if (modal) {
      rows.push(...modal.render(columns, s));
      this.screen.setLive(rows);
      return;
    }
    const input = this.input.render(columns, s, { placeholder: this.turn ? "" : 'Try "explain this codebase"', maxRows: Math.max(3, this.screen.rows - rows.length - 3) });
    const top = rows.length + 1;
    rows.push(s.dim("─".repeat(columns - 1)), ...input.lines);
    const hint = this.hint && Date.now() < this.hint.until ? this.hint.text : undefined;
    rows.push(statusLine({ model: this.session.config.model, mode: this.mode, contextTokens: this.contextTokens, costUSD: this.session.cost.totalUSD, hint }, s, columns));
    this.screen.setLive(rows, { row: top + input.cursor.row, col: input.cursor.col });
  }
}
