import type { Outcome } from "../agent/events.ts";
import { modelInfo } from "../model/models.ts";
import type { ModelUsage, ResultSubtype, SDKResultMessage } from "./messages.ts";
import { SubagentStats } from "./subagent-stats.ts";

const round = (usd: number) => Math.round(usd * 1e8) / 1e8;

/** What a result line says beyond the agent's Outcome. */
export type ResultMeta = {
  sessionId: string;
  durationMs: number;
  resultIndex: number;
  /** With --json-schema: the validated answer, when the model gave one. */
  structuredOutput?: unknown;
  /** Overrides the outcome's verdict (a denial that stopped the task, a schema never satisfied). */
  failure?: { subtype: ResultSubtype; terminalReason: string; error: string };
  /** Milliseconds to the first event of the turn's first response, when one came. */
  ttftMs?: number;
  /** The sub-agents the turn started (none for a command that ran without the model). */
  subagentStats?: ReturnType<SubagentStats["current"]>;
};


export function modelUsageOf(outcome: Pick<Outcome, "modelUsage">): Record<string, ModelUsage> {
  return Object.fromEntries(
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
        // Claude Code's breakdowns: thinking is billed within output, cache writes are 5-minute ones.
        thinkingTokens: 0,
        cacheCreationEphemeral5mInputTokens: u.cache_creation_input_tokens,
        cacheCreationEphemeral1hInputTokens: 0,
        canonicalModel: model,
        provider: "firstParty",
        costBasis: "list",
      },
    ]),
  );
}

/**
 * The `result` object of `--output-format json` and the last line of stream-json, with Claude
 * Code's field names and value types. Unlike Claude Code, every failure is `is_error: true` with an
 * `error_*` subtype (Claude Code reports API failures as "success").
 */
export function resultObject(outcome: Outcome, meta: ResultMeta): SDKResultMessage {
  const failure = meta.failure;
  const isError = outcome.isError || failure !== undefined;
  const subtype = failure?.subtype ?? outcome.subtype;
  const hasStructured = meta.structuredOutput !== undefined;
  const result = hasStructured ? JSON.stringify(meta.structuredOutput) : outcome.result;
  const errors = failure ? [failure.error] : outcome.isError ? [outcome.result] : undefined;
  const modelUsage = modelUsageOf(outcome);
  return {
    type: "result",
    subtype,
    is_error: isError,
    duration_ms: Math.round(meta.durationMs),
    duration_api_ms: outcome.durationApiMs,
    num_turns: outcome.numTurns,
    // As Claude Code: a max-turns (or budget) result has `errors` and no `result`.
    ...(subtype === "error_max_turns" || subtype === "error_max_budget_usd" ? {} : { result }),
    ...(errors ? { errors } : {}),
    stop_reason: outcome.stopReason,
    terminal_reason: failure?.terminalReason ?? outcome.terminalReason,
    session_id: meta.sessionId,
    total_cost_usd: round(outcome.costUSD),
    usage: { ...outcome.usage },
    modelUsage,
    permission_denials: outcome.permissionDenials,
    api_error_status: outcome.apiErrorStatus ?? null,
    ...(hasStructured ? { structured_output: meta.structuredOutput } : {}),
    result_index: meta.resultIndex,
    uuid: crypto.randomUUID(),
    ...(meta.ttftMs !== undefined ? { ttft_ms: meta.ttftMs } : {}),
    fast_mode_state: "off",
    subagent_stats: meta.subagentStats ?? SubagentStats.empty(),
    safety_stops: 0,
    queued_turn_count: 0,
    model_usage_since_last_result: modelUsage,
  };
}
