import * as v from "valibot";
import type { FileState } from "../fs/file-state.ts";
import type { ToolResultBlock, ToolUseBlock, Usage } from "../model/messages.ts";
import type { PermissionGate } from "../permissions/gate.ts";
import type { AgentCapabilities, PermissionModes, TodoList } from "../registry/agent-api.ts";
import type { SandboxControl } from "../registry/command-api.ts";
import type { Concurrency, ShellSandbox, Tool, ToolContent, ToolContext, ToolOutput } from "../registry/define.ts";
import type { Registry } from "../registry/registry.ts";
import { checkToolOutput } from "../registry/tool-output.ts";
import type { AgentEvent, PermissionDenial } from "./events.ts";
import type { EventFeed } from "./feed.ts";
import type { RanCall, RanCalls } from "./ran-calls.ts";

/** One tool call, as the session services see it when they bind `ctx.agent` to it. */
export type CallScope = {
  toolUseId: string;
  signal: AbortSignal;
  /** Passes an event of work done for this call (a sub-agent's steps) into the run's stream. */
  emit(event: AgentEvent): void;
  /** Counts model usage spent for this call (side requests, sub-agents) into the run's totals. */
  spent(model: string, usage: Usage): void;
  /** Counts a refusal made inside the call (a model-invoked skill's !`command`) among the run's permission denials. */
  denied(denial: PermissionDenial): void;
};

/** Session services behind `ctx.agent` (src/agents/services.ts), bound to each call. */
export interface ToolServices {
  forCall(call: CallScope): AgentCapabilities;
  /** For the REPL and slash commands: the todo list it shows, the permission mode it switches (main session only). */
  readonly todos?: TodoList;
  readonly modes?: PermissionModes;
  /** Steps of background work (the main session only): they join the session's event stream. */
  readonly background?: EventFeed;
}

/** The session-wide state tools share: it outlives any one turn. */
export type ToolEnvironment = {
  cwd: string;
  sessionId: string;
  sessionDir: string;
  files: FileState;
  services?: ToolServices;
  /** The OS sandbox: Bash runs its commands in it, /sandbox switches it. */
  sandbox?: ShellSandbox & SandboxControl;
};

type Entry = {
  block: ToolUseBlock;
  tool?: Tool;
  input?: unknown;
  /** The tool's read-only verdict for this input: the permission gate gets it. */
  safe: boolean;
  lane: Concurrency;
  /** The read-only verdict is still being worked out (a shell command being parsed): it holds back every later call. */
  deciding?: Promise<void>;
  state: "waiting" | "running" | "done";
  /** The tool itself was started (past validation and permission): an interrupt may have cut it short. */
  ran?: boolean;
  startedAt?: number;
  result?: ToolResultBlock;
  attach?: ToolOutput["attach"];
};

const MAX_PARALLEL = 10;
const EXCLUSIVE: Concurrency = { exclusive: true };

/** Whether two calls may run at the same time (see Concurrency). */
const compatible = (a: Concurrency, b: Concurrency) => (!a.exclusive && !b.exclusive) || (a.group !== undefined && a.group === b.group);

export const toolError = (id: string, text: string): ToolResultBlock => ({
  type: "tool_result",
  tool_use_id: id,
  content: `<tool_use_error>${text}</tool_use_error>`,
  is_error: true,
});

const INTERRUPTED = "Interrupted by user: the tool call was stopped before it finished.";
/** Interrupted while waiting for its turn or for permission (Esc at the prompt refuses and stops): nothing ran. */
const NOT_RUN = "Interrupted by user before it ran: the call was not run.";

function validationMessage(tool: Tool, issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): string {
  const lines = issues.map((issue) => {
    const field = v.getDotPath(issue);
    if (field && issue.received === "undefined") return `The required parameter \`${field}\` is missing`;
    return field ? `The parameter \`${field}\`: ${issue.message}` : issue.message;
  });
  return `InputValidationError: ${tool.name} failed due to the following issue${lines.length > 1 ? "s" : ""}:\n${lines.join("\n")}`;
}

/**
 * Runs the tool calls of one response as they complete in the stream. A call starts once every
 * unfinished call before it is compatible with it: read-only calls run together (bounded), a
 * writing call waits for everything before it and blocks everything after it, and calls of one
 * group (sub-agents) run together but apart from the rest. Every submitted call gets exactly one
 * result, in submission order, also on abort.
 */
export class ToolExecutor {
  private readonly entries: Entry[] = [];
  private readonly queue: AgentEvent[] = [];
  private wake?: () => void;
  readonly denials: PermissionDenial[] = [];
  /** Usage spent by tools for their calls (sub-agents, side requests), for the run's totals. */
  readonly spent: { model: string; usage: Usage }[] = [];
  /** A hook said `continue: false` about one of the calls: the run ends after these results, this saying why. */
  stopped?: string;
  /** Aborted once every call is done, removing the listener on the run's signal: a run lives for many turns and would otherwise keep each turn's executor, and its results, until it ends. */
  private readonly released = new AbortController();

  constructor(
    private readonly registry: Registry,
    private readonly permissions: PermissionGate,
    private readonly env: ToolEnvironment,
    private readonly signal: AbortSignal,
    /** Calls a cut attempt already ran: an identical call here reuses the result instead of running. */
    private readonly ranBefore?: RanCalls,
  ) {
    signal.addEventListener("abort", () => this.interruptAll(), { once: true, signal: this.released.signal });
  }

  get size(): number {
    return this.entries.length;
  }

  submit(block: ToolUseBlock, jsonError?: string): void {
    const entry: Entry = { block, safe: true, lane: EXCLUSIVE, state: "waiting" };
    this.entries.push(entry);
    const tool = this.registry.tool(block.name);
    const earlier = this.ranBefore?.take(block);
    if (earlier) {
      // It counts as run: should this attempt be cut too, the next replay reuses it again.
      entry.ran = true;
      this.emit({ type: "notice", text: `the retried response asks again for ${block.name} that already ran before the stream was cut: its result is reused, the call is not run twice` });
      this.complete(entry, earlier);
    } else if (!tool) this.complete(entry, toolError(block.id, `No such tool available: ${block.name}`));
    else if (jsonError) this.complete(entry, toolError(block.id, `${block.name} failed: ${jsonError}`));
    else {
      const parsed = v.safeParse(tool.input, block.input);
      if (!parsed.success) this.complete(entry, toolError(block.id, validationMessage(tool, parsed.issues)));
      else {
        entry.tool = tool;
        entry.input = parsed.output;
        const verdict = this.isReadOnly(tool, parsed.output);
        if (typeof verdict === "boolean") {
          entry.safe = verdict;
          entry.lane = this.laneOf(tool, parsed.output, verdict);
        } else {
          entry.safe = false;
          entry.deciding = verdict.then((safe) => {
            entry.safe = safe;
            entry.lane = this.laneOf(tool, parsed.output, safe);
            entry.deciding = undefined;
            this.pump();
          });
        }
      }
    }
    if (this.signal.aborted) this.interruptAll();
    this.pump();
  }

  /** The calls whose tool was started, with their results (once finished). */
  ranCalls(): RanCall[] {
    return this.entries.filter((e) => e.ran && e.result).map((e) => ({ name: e.block.name, input: e.block.input, result: e.result! }));
  }

  /** Blocks the tools asked to add after their results (ToolOutput.attach), in call order. */
  attachments(): NonNullable<ToolOutput["attach"]> {
    return this.entries.flatMap((e) => e.attach ?? []);
  }

  /** Events produced so far, without waiting. */
  drain(): AgentEvent[] {
    return this.queue.splice(0);
  }

  /** Waits for every call, yielding events as they happen; returns the results in call order. */
  async *finish(): AsyncGenerator<AgentEvent, ToolResultBlock[]> {
    try {
      while (true) {
        yield* this.drain();
        if (this.entries.every((e) => e.state === "done")) break;
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
      yield* this.drain();
      return this.entries.map((e) => e.result!);
    } finally {
      this.released.abort();
    }
  }

  /** The tool's verdict; a promise when it takes work (a pending call holds back every later one). */
  private isReadOnly(tool: Tool, input: unknown): boolean | Promise<boolean> {
    try {
      if (typeof tool.readOnly !== "function") return tool.readOnly === true;
      const verdict = tool.readOnly(input);
      return verdict instanceof Promise ? verdict.then((v) => v === true, () => false) : verdict === true;
    } catch {
      return false;
    }
  }

  private laneOf(tool: Tool, input: unknown, readOnly: boolean): Concurrency {
    try {
      return tool.concurrency?.(input) ?? { exclusive: !readOnly };
    } catch {
      return EXCLUSIVE;
    }
  }

  private emit(event: AgentEvent): void {
    this.queue.push(event);
    this.wake?.();
  }

  /** Settles a call once; later settlements (a tool finishing after an interrupt) are dropped. */
  private complete(entry: Entry, result: ToolResultBlock): void {
    if (entry.state === "done") return;
    entry.state = "done";
    entry.result = result;
    const { id, name } = entry.block;
    const durationMs = entry.startedAt === undefined ? 0 : performance.now() - entry.startedAt;
    this.emit({ type: "tool_end", id, name, input: entry.input ?? entry.block.input, result, durationMs });
  }

  private interruptAll(): void {
    for (const entry of this.entries) if (entry.state !== "done") this.complete(entry, toolError(entry.block.id, entry.ran ? INTERRUPTED : NOT_RUN));
  }

  private pump(): void {
    let running = this.entries.filter((e) => e.state === "running").length;
    this.entries.forEach((entry, i) => {
      if (entry.state !== "waiting" || running >= MAX_PARALLEL) return;
      if (entry.deciding) return;
      const blocked = this.entries.slice(0, i).some((before) => before.state !== "done" && !compatible(before.lane, entry.lane));
      if (blocked) return;
      running++;
      void this.run(entry);
    });
  }

  private async run(entry: Entry): Promise<void> {
    entry.state = "running";
    entry.startedAt = performance.now();
    this.emit({ type: "tool_start", id: entry.block.id, name: entry.block.name, input: entry.input });
    this.complete(entry, await this.execute(entry, entry.tool!));
    this.pump();
  }

  private async execute(entry: Entry, standIn: Tool): Promise<ToolResultBlock> {
    const id = entry.block.id;
    try {
      // A tool that was not ready when called (an MCP server still connecting): wait for it, so
      // permissions and validation see the real tool.
      const tool = standIn.resolve ? await standIn.resolve() : standIn;
      if ("error" in tool) return toolError(id, tool.error);
      if (tool !== standIn) {
        const parsed = v.safeParse(tool.input, entry.block.input);
        if (!parsed.success) return toolError(id, validationMessage(tool, parsed.issues));
        entry.input = parsed.output;
        entry.safe = await this.isReadOnly(tool, parsed.output);
      }
      const decision = await this.permissions.check({ tool, input: entry.input, readOnly: entry.safe, toolUseId: id, cwd: this.env.cwd }, this.signal);
      // What PreToolUse hooks added for the model follows the result, whatever the decision.
      if (decision.context) entry.attach = decision.context.map((text) => ({ type: "text" as const, text }));
      if (decision.behavior === "deny") {
        this.stopped ??= decision.stop;
        this.denials.push({ tool_name: tool.name, tool_use_id: id, tool_input: decision.input ?? entry.block.input });
        this.emit({ type: "denied", id, name: tool.name, message: decision.message });
        return { type: "tool_result", tool_use_id: id, content: decision.message, is_error: true };
      }
      let input = entry.input;
      if (decision.input !== undefined) {
        const reparsed = v.safeParse(tool.input, decision.input);
        if (!reparsed.success) return toolError(id, validationMessage(tool, reparsed.issues));
        input = reparsed.output;
      }
      entry.ran = true;
      let result: ToolResultBlock;
      try {
        const output = checkToolOutput(tool.name, await tool.run(input, this.context(id, tool)));
        if (!this.signal.aborted && typeof output === "object" && !Array.isArray(output) && output.attach) entry.attach = [...(entry.attach ?? []), ...output.attach];
        result = toResult(id, output);
      } catch (error) {
        result = toolError(id, this.signal.aborted ? INTERRUPTED : error instanceof Error ? error.message : String(error));
      }
      // PostToolUse (PostToolUseFailure for an error) hooks: the result stays as the tool made it; what they say follows it.
      const said = await this.permissions.after?.({ tool, input, toolUseId: id, result, durationMs: performance.now() - (entry.startedAt ?? 0), interrupted: this.signal.aborted }, this.signal);
      if (said?.context.length) entry.attach = [...(entry.attach ?? []), ...said.context.map((text) => ({ type: "text" as const, text }))];
      this.stopped ??= said?.stop;
      if (said?.output !== undefined) result = { ...result, content: replacementContent(said.output) };
      return result;
    } catch (error) {
      if (this.signal.aborted) return toolError(id, entry.ran ? INTERRUPTED : NOT_RUN);
      return toolError(id, error instanceof Error ? error.message : String(error));
    }
  }

  private context(toolUseId: string, tool: Tool): ToolContext {
    const env = this.env;
    return {
      get cwd() {
        return env.cwd;
      },
      setCwd: (dir) => {
        env.cwd = dir;
      },
      signal: this.signal,
      toolUseId,
      sessionId: env.sessionId,
      sessionDir: env.sessionDir,
      files: env.files,
      canRead: (path) => this.permissions.canRead?.(path) ?? true,
      sandbox: env.sandbox,
      progress: (text) => this.emit({ type: "tool_progress", id: toolUseId, text }),
      ask: async (question) => (await this.permissions.ask?.({ tool, question, toolUseId }, this.signal)) === true,
      agent: env.services?.forCall({
        toolUseId,
        signal: this.signal,
        emit: (event) => this.emit(event),
        spent: (model, usage) => {
          this.spent.push({ model, usage });
          this.emit({ type: "usage", toolUseId, model, usage });
        },
        denied: (denial) => this.denials.push(denial),
      }),
    };
  }
}

/** A PostToolUse hook's replacement of an MCP tool's output: text, text blocks, or anything else as JSON. */
function replacementContent(output: unknown): ToolResultBlock["content"] {
  if (typeof output === "string") return output;
  const blocks = Array.isArray(output) ? output : (output as { content?: unknown })?.content;
  if (Array.isArray(blocks) && blocks.every((b) => b?.type === "text" && typeof b.text === "string")) return blocks.map((b) => ({ type: "text" as const, text: b.text as string }));
  return JSON.stringify(output);
}

function toResult(id: string, output: ToolContent | ToolOutput): ToolResultBlock {
  const { content, isError } = typeof output === "string" || Array.isArray(output) ? { content: output, isError: false } : output;
  // The API refuses an empty tool_result; say so in words the model understands.
  const nonEmpty = content === "" || (Array.isArray(content) && content.length === 0) ? "(no output)" : content;
  return { type: "tool_result", tool_use_id: id, content: nonEmpty, ...(isError ? { is_error: true } : {}) };
}
