// What a tool may ask of the agent session it runs in, beyond files and processes: the todo list,
// the user, sub-agents, background tasks and side requests to a model. Tools reach it through
// `ctx.agent`, which is absent when a tool runs outside a full session. Types only: the session
// side implements them in src/agents/, the REPL implements `UserPrompts`.

import type { Effort } from "../agents/definitions.ts";
import type { AssistantBlock } from "../model/messages.ts";
import type { LspQuery } from "../lsp/query.ts";
import type { PermissionMode } from "../permissions/gate.ts";
import type { ToolContext, ToolOutput } from "./define.ts";

export type TodoStatus = "pending" | "in_progress" | "completed";
export type Todo = { content: string; status: TodoStatus; activeForm: string };

/** The session's todo list: shown by the REPL, kept across compaction. */
export interface TodoList {
  readonly items: readonly Todo[];
  set(items: readonly Todo[]): void;
}

export type QuestionOption = { label: string; description?: string };
export type Question = { question: string; header: string; options: QuestionOption[]; multiSelect: boolean };
/** Question text → the chosen label(s) (several joined with ", ") or the user's own words. */
export type Answers = Record<string, string>;

export type PlanDecision =
  /** Go ahead; `mode` is the permission mode to continue in (default: the one before plan mode). */
  | { approved: true; mode?: PermissionMode }
  | { approved: false; feedback?: string };

/** The person at the keyboard. The REPL implements it; print mode and sub-agents have none. */
export interface UserPrompts {
  /** Shows the questions and waits; undefined when the user dismissed them. */
  askQuestions(questions: Question[], signal: AbortSignal): Promise<Answers | undefined>;
  /** Shows a plan and asks whether to proceed. */
  approvePlan(plan: string, signal: AbortSignal): Promise<PlanDecision>;
}

export type AgentType = {
  name: string;
  description: string;
  /** Tool names it may use; undefined means every tool of its parent. */
  tools?: string[];
  /** It can only read: it runs beside other reads and is safe in plan mode. */
  readOnly: boolean;
  /** Always started in the background (its definition's `background`). */
  background?: boolean;
  source: string;
};

export type SubagentRequest = {
  /** The agent type (default general-purpose). */
  type?: string;
  description: string;
  prompt: string;
  /** A model alias or id that overrides the agent type's model. */
  model?: string;
  /** Overrides the agent type's effort (its thinking budget). */
  effort?: Effort;
};

export type SubagentResult = { agentId: string; text: string; isError: boolean };

export interface Subagents {
  /** The agent types the model may ask for, built-in and custom. */
  readonly types: readonly AgentType[];
  /** Runs a sub-agent in its own context and returns its final report. */
  run(request: SubagentRequest): Promise<SubagentResult>;
  /** Starts one in the background; its report is collected through `tasks`. */
  start(request: SubagentRequest): BackgroundTask;
}

export type TaskState = "running" | "completed" | "failed" | "stopped";

/** Work that outlives the tool call that started it (a background sub-agent or shell). */
export interface BackgroundTask {
  readonly id: string;
  readonly kind: string;
  readonly description: string;
  readonly state: TaskState;
  /** What it has produced so far; its final report once it has ended. */
  readonly output: string;
  /** Settles when the task ends, however it ends. */
  readonly done: Promise<void>;
}

export interface BackgroundTasks {
  /** Runs `work` in the background; `write` adds to its output, a returned string is its final output. */
  start(kind: string, description: string, work: (signal: AbortSignal, write: (text: string) => void) => Promise<string | void>): BackgroundTask;
  get(id: string): BackgroundTask | undefined;
  list(): BackgroundTask[];
  /** Stops a running task; false when there is no such running task. */
  stop(id: string): boolean;
}

/** A one-shot request outside the conversation, e.g. to apply a prompt to a web page. */
export type SideQuery = {
  prompt: string;
  system?: string;
  /** "small" (default: the small fast model), "main" (the session's model) or a model id. */
  model?: string;
  maxTokens?: number;
  /** Server-side tools (Anthropic's web search), sent as given. */
  serverTools?: Record<string, unknown>[];
};

export type SideAnswer = { text: string; blocks: AssistantBlock[]; model: string };

/** The session's permission mode, switched while it runs (plan mode, the REPL's Shift+Tab). */
export interface PermissionModes {
  readonly current: PermissionMode;
  /**
   * Plan mode is on because the model asked for it (EnterPlanMode), not the user (a flag, settings,
   * /plan, Shift+Tab): only then may the model leave it with nobody there to approve the plan.
   */
  readonly planByModel: boolean;
  /** Switching into plan mode remembers the mode it was entered from; `by` says who switched (default: the user). */
  set(mode: PermissionMode, by?: "user" | "model"): void;
  /** Leaves plan mode for `mode`, else for the mode it was entered from (default: "default"); returns the mode now in force. */
  leavePlan(mode?: PermissionMode): PermissionMode;
}

export interface AgentCapabilities {
  /** 0 for the main agent, 1 for its sub-agents, and so on. */
  readonly depth: number;
  readonly todos: TodoList;
  readonly tasks: BackgroundTasks;
  /** Absent when no one can answer (print mode, sub-agents). */
  readonly user?: UserPrompts;
  /** The main session's permission mode; sub-agents have none (they follow their parent's). */
  readonly modes?: PermissionModes;
  /** Absent where sub-agents may not start more (the depth limit). */
  readonly subagents?: Subagents;
  /** Which provider serves the session, and what it can do besides chat. */
  readonly provider: { name: string; webSearch: boolean };
  /** Sends a side request; its usage counts in the run's cost. */
  query(request: SideQuery): Promise<SideAnswer>;
  /** The session's skills and custom commands (src/skills/); absent where none can run (a forked skill's sub-agent). */
  readonly skills?: Skills;
  /** The project's language servers (src/lsp/); absent when none is available for it. */
  readonly code?: CodeIntelligence;
}

/** Language servers: diagnostics after edits, and the LSP tool's questions. */
export interface CodeIntelligence {
  /** A file was read: its server starts (if it has one) and opens it, in the background. */
  touch(path: string): void;
  /** The diagnostics block for files just written, waited for within the session's bound; "" when there is nothing to say. */
  afterEdit(paths: string[], signal: AbortSignal): Promise<string>;
  /** The same for files a shell command changed, among those open in a server (read or edited before). */
  afterCommand(signal: AbortSignal): Promise<string>;
  /** One LSP tool call, answered as text; places in files `canRead` refuses (deny rules) are left out. */
  query(request: LspQuery, signal: AbortSignal, canRead: (path: string) => boolean): Promise<string>;
}

/** What the Skill tool runs: a skill or Markdown command by name, inline or in a forked sub-agent. */
export interface Skills {
  run(name: string, args: string, ctx: ToolContext): Promise<ToolOutput>;
}
