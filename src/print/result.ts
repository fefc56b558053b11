import type { Outcome } from "../agent/events.ts";
import { modelInfo } from "../model/models.ts";

const round = (usd: number) => Math.round(usd * 1e8) / 1e8;

/** The `result` object of `--output-format json` and the last line of stream-json, with Claude Code's field names. */
export function resultObject(outcome: Outcome, meta: { sessionId: string; durationMs: number }) {
  const modelUsage = Object.fromEntries(
    Object.entries(outcome.modelUsage).map(([model, u]) => [
      model,
      {
        inputTokens: u.input_tokens,
        outputTokens: u.output_tokens,
        cacheReadInputTokens: u.cache_read_input_tokens,
        cacheCreationInputTokens: u.cache_creation_input_tokens,
        webSearchRequests: 0,
        costUSD: round(u.costUSD),
        contextWindow: modelInfo(model).contextWindow,
        maxOutputTokens: modelInfo(model).maxOutput,
      },
    ]),
  );
  return {
    type: "result" as const,
    subtype: outcome.subtype,
    is_error: outcome.isError,
    duration_ms: Math.round(meta.durationMs),
    duration_api_ms: outcome.durationApiMs,
    num_turns: outcome.numTurns,
    ...(outcome.subtype === "error_max_turns" || outcome.subtype === "error_max_budget_usd" ? { errors: [outcome.result] } : { result: outcome.result }),
    stop_reason: outcome.stopReason,
    terminal_reason: outcome.terminalReason,
    session_id: meta.sessionId,
    total_cost_usd: round(outcome.costUSD),
    usage: outcome.usage,
    modelUsage,
    permission_denials: outcome.permissionDenials,
    ...(outcome.apiErrorStatus !== undefined ? { api_error_status: outcome.apiErrorStatus } : {}),
    uuid: crypto.randomUUID(),
  };
}
