// The contract users' tool and command modules are written against. Keep these names stable:
// people's modules in ~/.nanocode/tools depend on them.

import type * as v from "valibot";
import type { FileState } from "../fs/file-state.ts";
import type { DocumentBlock, ImageBlock, TextBlock, Usage } from "../model/messages.ts";
import type { AgentCapabilities, PermissionModes } from "./agent-api.ts";
import type { CommandUI, PromptInfo, SessionFacts } from "./command-api.ts";

export type ToolContent = string | Array<TextBlock | ImageBlock | DocumentBlock>;

/** What `run` may return when it needs more than plain content. */
export type ToolOutput = {
  content: ToolContent;
  /** The call failed; the model sees the content as an error result. */
  isError?: boolean;
  /** Blocks added to the conversation right after this turn's tool results (the Skill tool loads a skill's instructions this way). */
  attach?: Array<TextBlock | ImageBlock | DocumentBlock>;
};

export interface ToolContext {
  /** The session's working directory (a Bash `cd` moves it). */
  readonly cwd: string;
  /**
   * Moves the working directory (Bash calls it after a `cd`). Returns false when the move is not
   * allowed (outside the working directories): the directory then stays where it was.
   */
  setCwd(dir: string): boolean | void;
  /** Aborted when the user interrupts or the run times out; pass it to everything that waits. */
  readonly signal: AbortSignal;
  readonly toolUseId: string;
  readonly sessionId: string;
  /** A folder private to this session, for large outputs and transcripts. */
  readonly sessionDir: string;
  /** What this session has read and written (see Edit and Write). */
  readonly files: FileState;
  /**
   * May this absolute path be shown to the model? Deny rules such as `Read(./secrets/**)` hide
   * paths from every tool: a tool that lists or searches files must leave out those that fail.
   */
  canRead(path: string): boolean;
  /** Reports progress of a long call to whoever watches (REPL spinner, stream-json). */
  progress(text: string): void;
  /**
   * Asks the user a yes/no question through the permission prompt. Resolves false when the user
   * declines or nobody can answer (print mode), so a tool must treat false as "do not".
   */
  ask(question: string): Promise<boolean>;
  /** The session around the call (todo list, user, sub-agents, side requests); absent outside one. */
  readonly agent?: AgentCapabilities;
  /** The OS sandbox shell commands run in (src/sandbox); absent: they run as they are. */
  readonly sandbox?: ShellSandbox;
}

/** One shell command started inside the sandbox. */
export type SandboxedRun = {
  /** The shell's command line, wrapped in the sandbox's launcher. */
  argv(shell: string[]): string[];
  /** Variables set inside the sandbox. */
  env: Record<string, string>;
  /** Descriptors the launcher reads, opened for this start: they become 3, 4… of the process, and are closed once it started. */
  fds?: () => number[];
  /** After the command ended: ends what the call needed, and returns a line for the model when the sandbox is what made it fail. */
  finish(result: { exitCode: number | null; output: string }): Promise<string | undefined>;
};

export interface ShellSandbox {
  /**
   * Gets a command ready to run sandboxed; undefined when it runs as it is (the sandbox is off, the
   * command is excluded, or `unsandboxed`: the model asked to run it outside, which the permission
   * engine had a person approve). Throws when it may not run at all.
   */
  prepare(command: string, options: { cwd: string; cwdFile?: string; unsandboxed?: boolean }): Promise<SandboxedRun | undefined>;
}

/**
 * How a call shares time with the other calls of its response. Two calls run side by side when
 * neither is `exclusive`, or when both name the same `group`; otherwise they run in call order.
 */
export type Concurrency = { exclusive: boolean; group?: string };

// The default parameter erases the input type, so tools of any schema fit in one list.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnySchema = v.GenericSchema<any, any>;

export type ToolDefinition<S extends v.GenericSchema = AnySchema> = {
  name: string;
  description: string;
  input: S;
  /** A JSON Schema sent to the model instead of the one derived from `input`, for tools that bring their own (MCP tools). */
  inputSchema?: Record<string, unknown>;
  /** Safe to run concurrently with other reads and to auto-approve; may depend on the input (and take a moment to decide). */
  readOnly?: boolean | ((input: v.InferOutput<S>) => boolean | Promise<boolean>);
  /** Overrides the concurrency `readOnly` implies (read-only: shared, else exclusive). */
  concurrency?: (input: v.InferOutput<S>) => Concurrency;
  /** For a stand-in whose real tool is not ready yet (an MCP server still connecting): the executor waits for it before permissions and validation. */
  resolve?: () => Promise<Tool | { error: string }>;
  run(input: v.InferOutput<S>, ctx: ToolContext): Promise<ToolContent | ToolOutput> | ToolContent | ToolOutput;
};

export type Tool<S extends v.GenericSchema = AnySchema> = ToolDefinition<S> & { readonly kind: "tool" };

export function defineTool<S extends v.GenericSchema>(definition: ToolDefinition<S>): Tool<S> {
  return { ...definition, kind: "tool" };
}

export type UsageTotals = Usage & { costUSD: number };

/** Where the context window goes, for /context: estimated tokens by part. */
export type ContextReport = {
  model: string;
  window: number;
  /** Auto-compaction starts past this many tokens. */
  autoCompactAt: number;
  autoCompact: boolean;
  used: number;
  parts: { name: string; tokens: number }[];
  memoryFiles: { path: string; tokens: number }[];
};

/** The conversation a command runs in (/cost, /compact, /context, /model, /rewind…), in print mode and in the REPL. */
export interface CommandSession extends SessionFacts {
  readonly id: string;
  cost(): { totalUSD: number; apiMs: number; wallMs: number; byModel: Record<string, UsageTotals> };
  context(): ContextReport;
  /** Summarises the conversation now; resolves to one line for the user. */
  compact(instructions: string, signal?: AbortSignal): Promise<string>;
  /** Its permission mode, switchable (/plan). */
  readonly modes?: PermissionModes;
  /** Which model server answers: "anthropic", "openai", a provider named in settings, or "replay"; where it is. */
  readonly provider: { name: string; endpoint?: string };
}

export interface CommandContext {
  readonly cwd: string;
  /** Names and descriptions of every tool and command (and skill or Markdown command, where known), for commands such as /help. */
  readonly registry: { tools: readonly Tool[]; commands: readonly Command[]; prompts?: readonly PromptInfo[] };
  /** Shows text to the user (not to the model). */
  print(text: string): void;
  /**
   * The session, opened on first call (print mode opens it only for commands that ask; with
   * --resume/--continue it is the resumed one). Rejects with a one-line error when it cannot.
   */
  session?: () => Promise<CommandSession>;
  /** The person at the keyboard (choices, the input box, colours, the permission mode); absent in print mode. */
  readonly ui?: CommandUI;
  /** Aborted when the user presses Esc while the command runs. */
  readonly signal?: AbortSignal;
}

export type CommandResult = void | string | { prompt: string };

export type CommandDefinition = {
  name: string;
  description: string;
  argumentHint?: string;
  aliases?: string[];
  /** A returned string is shown to the user; `{ prompt }` is sent to the model as the user's message. */
  run(args: string, ctx: CommandContext): Promise<CommandResult> | CommandResult;
};

export type Command = CommandDefinition & { readonly kind: "command" };

export function defineCommand(definition: CommandDefinition): Command {
  return { ...definition, kind: "command" };
}
