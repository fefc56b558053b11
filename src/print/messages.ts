// The messages of `--output-format stream-json`, which the SDK yields unchanged. Field names and
// value types follow Claude Code's, so wrappers written for it read ours; the SDK publishes these
// types, so this file imports nothing but message shapes.

import type { AssistantBlock, StreamEvent, UserMessage } from "../model/messages.ts";

/** Token counts as the API reports them (the `message_start` usage of a response). */
export type APIUsage = {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
  [field: string]: unknown;
};

/** First line of every turn: what this run has to work with. */
export type SDKSystemInit = {
  type: "system";
  subtype: "init";
  cwd: string;
  session_id: string;
  tools: string[];
  mcp_servers: { name: string; status: string }[];
  model: string;
  permissionMode: string;
  slash_commands: string[];
  apiKeySource: string;
  output_style: string;
  agents: string[];
  skills: string[];
  plugins: { name: string; path: string; source: string }[];
  uuid: string;
  additional_directories: string[];
  nanocode_version: string;
  claude_code_version: string;
  capabilities: string[];
  fast_mode_state: "off";
};

/** Before each API request (with --include-partial-messages); with no status, after the permission mode changed. */
export type SDKStatus = { type: "system"; subtype: "status"; status: "requesting" | null; permissionMode?: string; session_id: string; uuid: string };

/** Under the Agent SDK (CLAUDE_CODE_SDK_READS_SESSION_STATE): a turn started or ended. */
export type SDKSessionStateChanged = { type: "system"; subtype: "session_state_changed"; state: "idle" | "running" | "requires_action"; sdk_host_only: true; uuid: string; session_id: string };

/** A tool call was refused (by a rule, the mode, or nobody there to ask); its error result follows. */
export type SDKPermissionDenied = { type: "system"; subtype: "permission_denied"; tool_name: string; tool_use_id: string; message: string; uuid: string; session_id: string };

/** The conversation was compacted: what came before is now a summary. */
export type SDKCompactBoundary = {
  type: "system";
  subtype: "compact_boundary";
  session_id: string;
  uuid: string;
  compact_metadata: { trigger: "manual" | "auto"; pre_tokens: number };
};

/** One content block of a model response, as soon as the block is complete. */
export type SDKAssistantMessage = {
  type: "assistant";
  message: {
    id: string;
    type: "message";
    role: "assistant";
    model: string;
    content: AssistantBlock[];
    stop_reason: null;
    stop_sequence: null;
    usage: APIUsage;
    context_management: null;
  };
  parent_tool_use_id: string | null;
  session_id: string;
  uuid: string;
  timestamp: string;
  /** The API request that produced the response (its `request-id` header), when the provider reports one. */
  request_id?: string;
};

/** The results of the tools one response called. */
export type SDKUserMessage = {
  type: "user";
  message: UserMessage;
  parent_tool_use_id: string | null;
  session_id: string;
  uuid: string;
  timestamp: string;
  /** What the tools returned beyond the text the model reads (Claude Code's structured results). */
  tool_use_result?: unknown;
  /** A message nanocode wrote in the user's place (a command's output), not one the host sent. */
  isReplay?: boolean;
};

/** A raw event of the model's stream (with --include-partial-messages), unchanged. */
export type SDKPartialAssistantMessage = {
  type: "stream_event";
  event: StreamEvent;
  session_id: string;
  parent_tool_use_id: string | null;
  uuid: string;
  /** On `message_start` only: milliseconds from the request to the first event. */
  ttft_ms?: number;
  api_message_id: string;
};

export type ModelUsage = {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheCreationInputTokens: number;
  webSearchRequests: number;
  costUSD: number;
  contextWindow: number;
  maxOutputTokens: number;
  thinkingTokens: number;
  cacheCreationEphemeral5mInputTokens: number;
  cacheCreationEphemeral1hInputTokens: number;
  canonicalModel: string;
  provider: string;
  costBasis: string;
};

export type ResultSubtype = "success" | "error_max_turns" | "error_during_execution" | "error_max_budget_usd" | "error_max_structured_output_retries";

/** The last line of every turn, also on errors and interruptions. */
export type SDKResultMessage = {
  type: "result";
  subtype: ResultSubtype;
  is_error: boolean;
  duration_ms: number;
  duration_api_ms: number;
  num_turns: number;
  /** The final answer (or, on an error, one line saying what went wrong); absent on error_max_turns. */
  result?: string;
  /** What went wrong, for error subtypes. */
  errors?: string[];
  stop_reason: string | null;
  terminal_reason: string;
  session_id: string;
  total_cost_usd: number;
  usage: APIUsage;
  modelUsage: Record<string, ModelUsage>;
  permission_denials: { tool_name: string; tool_use_id: string; tool_input: unknown }[];
  api_error_status: number | null;
  /** With --json-schema: the validated answer. */
  structured_output?: unknown;
  /** 0 for the first turn of the session, then 1, 2, … */
  result_index: number;
  uuid: string;
  ttft_ms?: number;
  /** Claude Code's fields for its own features, with neutral values. */
  fast_mode_state: "off";
  subagent_stats: Record<string, unknown>;
  safety_stops: number;
  queued_turn_count: number;
  /** This turn's usage per model (modelUsage is the same: nanocode's results count one turn each). */
  model_usage_since_last_result: Record<string, ModelUsage>;
};

export type SDKMessage =
  | SDKSystemInit
  | SDKStatus
  | SDKSessionStateChanged
  | SDKPermissionDenied
  | SDKCompactBoundary
  | SDKAssistantMessage
  | SDKUserMessage
  | SDKPartialAssistantMessage
  | SDKResultMessage;
