// What the loop tells the PostToolBatch and StopFailure hooks, in Claude Code's field names.

import { type AssistantMessage, resultText, type ToolResultBlock } from "../model/messages.ts";
import { ProviderError, type ProviderErrorKind } from "../model/provider.ts";

/** PostToolBatch: every call of the round with its input and what came back. */
export function toolBatchPayload(assistant: AssistantMessage, results: ToolResultBlock[]): Record<string, unknown> {
  const calls = new Map(assistant.content.flatMap((b) => (b.type === "tool_use" ? [[b.id, b] as const] : [])));
  return {
    tool_calls: results.map((result) => {
      const call = calls.get(result.tool_use_id);
      const text = resultText(result);
      return { tool_name: call?.name ?? "", tool_input: call?.input ?? {}, tool_use_id: result.tool_use_id, ...(result.is_error ? { error: text } : { tool_response: text }) };
    }),
  };
}

const ERROR_TYPES: Partial<Record<ProviderErrorKind, string>> = {
  auth: "authentication_failed",
  rate_limit: "rate_limit",
  overloaded: "server_error",
  server: "server_error",
  invalid_request: "invalid_request",
  prompt_too_long: "invalid_request",
};

/** StopFailure: the API error that ended the turn, `error_type` being what its matcher tests. */
export function stopFailurePayload(failure: unknown, message: string): Record<string, unknown> {
  const kind = failure instanceof ProviderError ? failure.kind : undefined;
  const status = failure instanceof ProviderError ? failure.status : undefined;
  const errorType = status === 402 ? "billing_error" : status === 404 ? "model_not_found" : (kind && ERROR_TYPES[kind]) || "unknown";
  return { error_type: errorType, error: status ? String(status) : (kind ?? "unknown"), error_message: message };
}
