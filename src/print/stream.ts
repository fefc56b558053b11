import { ResponseAccumulator } from "../agent/accumulate.ts";
import type { AgentEvent, Outcome } from "../agent/events.ts";
import type { AssistantBlock, StreamEvent, ToolResultBlock, UserMessage } from "../model/messages.ts";
import { requestIdOf } from "../model/provider.ts";
import { describeCall } from "../registry/describe.ts";
import type { APIUsage, SDKAssistantMessage, SDKMessage, SDKResultMessage, SDKSystemInit } from "./messages.ts";
import { type ResultMeta, resultObject } from "./result.ts";
import { SubagentStats } from "./subagent-stats.ts";

/** What the `system/init` line reports about the session. */
export type SessionInfo = Omit<SDKSystemInit, "type" | "subtype" | "uuid" | "session_id" | "claude_code_version" | "capabilities" | "fast_mode_state">;

const stamp = () => ({ uuid: crypto.randomUUID(), timestamp: new Date().toISOString() });

/**
 * Turns the agent's event stream into stream-json messages, the same for the printer and the SDK.
 * A response becomes one `assistant` message per content block, sent as the block completes (before
 * its `content_block_stop` event, as Claude Code does); tool results become one `user` message.
 */
export class StreamTranslator {
  private response = new ResponseAccumulator();
  private startUsage: APIUsage = { input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 0 };
  private apiMessageId = "";
  /** The HTTP request id of the response being streamed, when the provider knows it. */
  private requestId?: string;
  private requestAt = 0;
  /** Milliseconds from the turn's first request to the first event of its response. */
  private ttftMs?: number;
  /** The model's tool calls by id: a Bash result gets its fields, an Agent call's input says if it runs in the background. */
  private readonly toolCalls = new Map<string, { name: string; input: unknown }>();
  private readonly subagentStats = new SubagentStats();
  private turnStartedAt = performance.now();
  private lastToolUseIds: string[] = [];
  private results = 0;
  /** One translator per sub-agent, whose lines name the tool call that started it. */
  private readonly subagents = new Map<string, StreamTranslator>();

  constructor(
    readonly sessionId: string,
    private readonly options: { includePartial: boolean; /** Count a denial that ended the task as an error. */ judgeDenials: boolean },
    private readonly parentToolUseId: string | null = null,
  ) {}

  /** Fields in Claude Code's order. */
  init(info: SessionInfo): SDKSystemInit {
    return {
      type: "system",
      subtype: "init",
      cwd: info.cwd,
      session_id: this.sessionId,
      tools: info.tools,
      mcp_servers: info.mcp_servers,
      model: info.model,
      permissionMode: info.permissionMode,
      slash_commands: info.slash_commands,
      apiKeySource: info.apiKeySource,
      output_style: info.output_style,
      agents: info.agents,
      skills: info.skills,
      plugins: info.plugins,
      uuid: crypto.randomUUID(),
      additional_directories: info.additional_directories,
      nanocode_version: info.nanocode_version,
      // Claude Code's version field and feature flags, with nanocode's version and neutral values.
      claude_code_version: info.nanocode_version,
      capabilities: [],
      fast_mode_state: "off",
    };
  }

  /** Starts a new turn: its duration and denial verdict count from here. */
  beginTurn(startedAt = performance.now()): void {
    this.turnStartedAt = startedAt;
    this.lastToolUseIds = [];
    this.ttftMs = undefined;
    this.subagentStats.reset();
  }

  translate(event: AgentEvent): SDKMessage[] {
    const base = { session_id: this.sessionId };
    switch (event.type) {
      case "request":
        this.requestAt = performance.now();
        this.response = new ResponseAccumulator();
        return this.options.includePartial ? [{ type: "system", subtype: "status", status: "requesting", ...base, uuid: crypto.randomUUID() }] : [];
      case "stream":
        return this.streamEvent(event.event);
      case "user":
        return this.toolResults(event.message);
      case "denied":
        return [{ type: "system", subtype: "permission_denied", tool_name: event.name, tool_use_id: event.id, message: event.message, uuid: crypto.randomUUID(), ...base }];
      case "compact":
        return [
          {
            type: "system",
            subtype: "compact_boundary",
            ...base,
            uuid: crypto.randomUUID(),
            compact_metadata: { trigger: event.trigger === "manual" ? "manual" : "auto", pre_tokens: event.tokensBefore },
          },
        ];
      case "subagent": {
        let child = this.subagents.get(event.agentId);
        if (!child) {
          this.subagents.set(event.agentId, (child = new StreamTranslator(this.sessionId, { includePartial: false, judgeDenials: false }, event.parentToolUseId)));
          const input = this.toolCalls.get(event.parentToolUseId)?.input as { run_in_background?: unknown } | undefined;
          this.subagentStats.started(event.parentToolUseId, event.agentType, input?.run_in_background === true);
        }
        return child.translate(event.event);
      }
      default:
        return [];
    }
  }

  private streamEvent(event: StreamEvent): SDKMessage[] {
    const out: SDKMessage[] = [];
    if (event.type === "message_start") {
      this.ttftMs ??= Math.round(performance.now() - this.requestAt);
      this.apiMessageId = event.message.id;
      this.requestId = requestIdOf(event);
      this.startUsage = { ...this.startUsage, ...event.message.usage } as APIUsage;
    }
    const completed = this.response.push(event);
    if (completed) out.push(this.assistant(completed.block));
    if (this.options.includePartial && event.type !== "ping") {
      out.push({
        type: "stream_event",
        event,
        session_id: this.sessionId,
        parent_tool_use_id: null,
        uuid: crypto.randomUUID(),
        ...(event.type === "message_start" ? { ttft_ms: Math.round(performance.now() - this.requestAt) } : {}),
        api_message_id: this.apiMessageId,
      });
    }
    return out;
  }

  private assistant(block: AssistantBlock): SDKAssistantMessage {
    if (block.type === "tool_use") this.toolCalls.set(block.id, { name: block.name, input: block.input });
    return {
      type: "assistant",
      message: {
        id: this.response.id,
        type: "message",
        role: "assistant",
        model: this.response.model,
        content: [block],
        stop_reason: null,
        stop_sequence: null,
        usage: this.startUsage,
        context_management: null,
      },
      parent_tool_use_id: this.parentToolUseId,
      session_id: this.sessionId,
      ...stamp(),
      ...(this.requestId ? { request_id: this.requestId } : {}),
    };
  }

  /**
   * Tool results, as Claude Code prints them: the prompt and messages the user queued during the
   * turn are not echoed (the sender has them already).
   */
  private toolResults(message: UserMessage): SDKMessage[] {
    if (typeof message.content === "string") return [];
    const blocks = message.content.flatMap((b) => (b.type === "tool_result" ? [{ tool_use_id: b.tool_use_id, type: b.type, content: b.content, is_error: b.is_error === true }] : []));
    const ids = blocks.map((b) => b.tool_use_id);
    if (ids.length === 0) return [];
    this.lastToolUseIds = ids;
    for (const b of blocks) this.subagentStats.answered(b.tool_use_id, b.is_error);
    const only = blocks.length === 1 ? blocks[0] : undefined;
    const structured = only && toolUseResult(this.toolCalls.get(only.tool_use_id)?.name, only.content, only.is_error);
    return [{ type: "user", message: { role: "user", content: blocks }, parent_tool_use_id: this.parentToolUseId, session_id: this.sessionId, ...stamp(), ...(structured !== undefined ? { tool_use_result: structured } : {}) }];
  }

  /** The turn's result line. A tool denial the model answered by stopping counts as a failure. */
  result(outcome: Outcome, extra: Pick<ResultMeta, "structuredOutput" | "failure"> = {}): SDKResultMessage {
    let failure = extra.failure;
    const stoppedBy = outcome.permissionDenials.filter((d) => this.lastToolUseIds.includes(d.tool_use_id));
    if (!failure && !outcome.isError && this.options.judgeDenials && stoppedBy.length > 0) {
      const calls = stoppedBy.map((d) => describeCall(d.tool_name, d.tool_input)).join(", ");
      failure = { subtype: "error_during_execution", terminalReason: "permission_denied", error: `The task stopped after a tool call was denied: ${calls}` };
    }
    return resultObject(outcome, {
      sessionId: this.sessionId,
      durationMs: performance.now() - this.turnStartedAt,
      resultIndex: this.results++,
      structuredOutput: extra.structuredOutput,
      failure,
      ttftMs: this.ttftMs,
      subagentStats: this.subagentStats.current(),
    });
  }
}

/**
 * Claude Code's `tool_use_result` for a lone tool result: "Error: …" for a failed call, Bash's
 * output fields (its stdout holds both streams: nanocode's Bash merges them), otherwise the text.
 */
function toolUseResult(tool: string | undefined, content: ToolResultBlock["content"], isError: boolean): unknown {
  const text = typeof content === "string" ? content : content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("\n");
  if (isError) return `Error: ${text}`;
  if (tool === "Bash") return { stdout: text, stderr: "", interrupted: false, isImage: false, noOutputExpected: false };
  return text;
}
