import type { AssistantMessage, Message, StreamEvent, ToolResultBlock, Usage, UserMessage } from "../model/messages.ts";

export type CompactTrigger = "auto" | "manual" | "prompt_too_long";

export type PermissionDenial = { tool_name: string; tool_use_id: string; tool_input: unknown };

export type Outcome = {
  subtype: "success" | "error_max_turns" | "error_during_execution" | "error_max_budget_usd";
  /** Why the run ended, in Claude Code's vocabulary. */
  terminalReason: "completed" | "max_turns" | "api_error" | "aborted" | "budget" | "hook_stopped";
  isError: boolean;
  /** The final text (success) or one line saying what went wrong. */
  result: string;
  stopReason: string | null;
  numTurns: number;
  /** Set when the run failed at the API. */
  apiErrorStatus?: number;
  usage: Usage;
  /** Usage and cost per model id. */
  modelUsage: Record<string, Usage & { costUSD: number }>;
  costUSD: number;
  durationApiMs: number;
  permissionDenials: PermissionDenial[];
};

/** Everything a run reports, in order. The REPL, print mode and the SDK all consume this one stream. */
export type AgentEvent =
  /** An API request is about to leave. */
  | { type: "request"; turn: number; model: string }
  /** A raw event of the model's stream, unchanged. */
  | { type: "stream"; event: StreamEvent }
  | { type: "text"; text: string }
  | { type: "thinking"; text: string }
  /** The model's complete response. */
  | { type: "assistant"; message: AssistantMessage; messageId: string; usage: Usage; model: string }
  | { type: "tool_start"; id: string; name: string; input: unknown }
  | { type: "tool_progress"; id: string; text: string }
  | { type: "tool_end"; id: string; name: string; input: unknown; result: ToolResultBlock; durationMs: number }
  /** A tool call was refused before it ran (a rule, the mode, a hook, nobody there to ask); `message` is its error result. */
  | { type: "denied"; id: string; name: string; message: string }
  /** A user message added to the conversation (tool results, or the prompt itself). */
  | { type: "user"; message: UserMessage }
  /**
   * The conversation was compacted: `messages` replaced everything before (a summary, then the
   * latest turns). `usage` and `model` are those of the summary request.
   */
  | { type: "compact"; trigger: CompactTrigger; tokensBefore: number; tokensAfter: number; messages: Message[]; model: string; usage: Usage }
  /**
   * A model request failed and is sent again after `delayMs` ("retrying in 2s (attempt 1/10)").
   * `model` differs from `failedModel` when the run switches to a fallback model. `discarded`: the
   * response streamed since the last `request` was dropped, so stop showing it; its tools never ran.
   * When tools of a cut response had started, its whole blocks are kept instead (an `assistant`
   * event follows) and the next request continues after them; a call there identical to one that
   * ran takes its result instead of running again (see RanCalls): nothing runs twice.
   */
  | { type: "retry"; attempt: number; maxRetries: number; delayMs: number; error: string; status?: number; failedModel: string; model: string; discarded: boolean }
  /** Something worth one line to the user that does not end the run. */
  | { type: "notice"; text: string }
  /**
   * Model usage spent outside the conversation (a side request, a sub-agent's run) for the tool
   * call `toolUseId`, so the run's outcome counts it too; without one, for work no run waits for
   * (a background sub-agent).
   */
  | { type: "usage"; toolUseId?: string; model: string; usage: Usage }
  /** A step of a sub-agent working for the tool call `parentToolUseId` (stream-json's parent_tool_use_id). */
  | { type: "subagent"; parentToolUseId: string; agentId: string; agentType: string; event: AgentEvent }
  | { type: "done"; outcome: Outcome };

/** The one line a `retry` event shows: "API error (529 Overloaded) · retrying in 1.5s (attempt 1/10)". */
export function retryLine(event: Extract<AgentEvent, { type: "retry" }>): string {
  const next =
    event.model !== event.failedModel
      ? `${event.failedModel} stays overloaded · switching to ${event.model}`
      : `retrying in ${Number((event.delayMs / 1000).toFixed(1))}s (attempt ${event.attempt}/${event.maxRetries})`;
  return `API error (${event.error}) · ${next}`;
}
