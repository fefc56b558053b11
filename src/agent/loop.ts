import { withCacheBreakpoints } from "../context/cache.ts";
import type { SessionContext } from "../context/session-context.ts";
import { collectIfGrown } from "./collect-garbage.ts";
import { compact, compactIfNeeded } from "./compaction.ts";
import { addUsage, asBlocks, emptyUsage, type Message, type TextBlock, textOf, type ToolResultBlock, type Usage, type UserBlock, type UserMessage } from "../model/messages.ts";
import { addModelUsage, modelInfo } from "../model/models.ts";
import { type ModelRequest, type Provider, ProviderError, type SystemBlock } from "../model/provider.ts";
import { Retrier, type RetryNotice, type RetryOptions, resilientStream, sleep } from "../model/retry.ts";
import type { PermissionGate } from "../permissions/gate.ts";
import type { Registry } from "../registry/registry.ts";
import { ResponseAccumulator } from "./accumulate.ts";
import type { AgentEvent, Outcome } from "./events.ts";
import { type ToolEnvironment, ToolExecutor } from "./executor.ts";
import { takeNotifications } from "../tasks/notifications.ts";
import { RanCalls } from "./ran-calls.ts";
import { stopFailurePayload, toolBatchPayload } from "./hook-payloads.ts";

export type AgentDeps = {
  provider: Provider;
  registry: Registry;
  permissions: PermissionGate;
};

/** A conversation's own hooks (UserPromptSubmit, Stop; see src/hooks): a sub-agent's runs have none. */
export type RunHooks = {
  /** `blocked`: the run ends with this text before anything is sent; `context` goes with the prompt. */
  promptSubmit(prompt: string, signal: AbortSignal): Promise<{ blocked?: string; context: string[] }>;
  /** `feedback`: the agent goes on with it as a user message instead of stopping. */
  stop(lastText: string, active: boolean, signal: AbortSignal): Promise<{ feedback?: string; context: string[] }>;
  /** A sub-agent about to finish: SubagentStop, answered as Stop is (without it, `event` serves). */
  subagentStop?(lastText: string, active: boolean, signal: AbortSignal): Promise<{ feedback?: string; context: string[] }>;
  /**
   * The events other parts of the session raise: PreCompact (compaction, before it summarises;
   * payload `trigger`, `custom_instructions`), SubagentStop (a sub-agent about to finish; payload
   * `stop_hook_active`, `last_assistant_message`), Notification (the REPL; `message`,
   * `notification_type`), PostToolBatch (a round of tool results, before the next request;
   * `tool_calls`), StopFailure (an API error ended the turn; `error_type`, `error`, `error_message`),
   * CwdChanged (a `cd` moved the session; `old_cwd`, `new_cwd`), UserPromptExpansion (a /command
   * typed by the user became a prompt; `command_name`, `prompt`…).
   * `blocked`: a hook exited 2 or decided "block", with its reason. `stop`: a
   * hook said `continue: false` (stop what this event is about), with its stopReason.
   */
  event(name: "PreCompact" | "SubagentStart" | "SubagentStop" | "Notification" | "PostToolBatch" | "StopFailure" | "CwdChanged" | "UserPromptExpansion", payload: Record<string, unknown>, signal?: AbortSignal): Promise<{ blocked?: string; stop?: string; context: string[] }>;
};

export type AgentConfig = {
  model: string;
  maxTokens: number;
  system: SystemBlock[];
  maxTurns?: number;
  hooks?: RunHooks;
  /** Stop before the next request once the run has cost this much (print mode's --max-budget-usd). */
  maxBudgetUsd?: number;
  /** Retries, timeout and fallback models; RETRY_DEFAULTS where unset. */
  retry?: Partial<RetryOptions>;
  /** Extended thinking; its blocks go back unchanged with the rest of each response. */
  thinking?: ModelRequest["thinking"];
  env: ToolEnvironment;
  signal: AbortSignal;
  /** Messages the user sent while the run was busy: they join the next round of tool results. */
  takeQueued?: () => UserBlock[];
  /** Asked after each round of tool results; true ends the run as a success (a valid StructuredOutput call). */
  endRunNow?: () => boolean;
  /** A model for the rest of the run instead of `model`, once a skill asked for one (see TurnSettings). */
  turnModel?: () => string | undefined;
  /** Memory files brought in by tool calls, compaction (see src/context/). */
  context?: SessionContext;
};

/** Running totals of one run; turned into the Outcome when it ends. */
class Tally {
  turns = 0;
  apiMs = 0;
  readonly usage = emptyUsage();
  readonly byModel: Outcome["modelUsage"] = {};
  readonly denials: Outcome["permissionDenials"] = [];

  add(model: string, usage: Usage): void {
    addUsage(this.usage, usage);
    addModelUsage(this.byModel, model, usage);
  }

  costUSD(): number {
    return Object.values(this.byModel).reduce((sum, m) => sum + m.costUSD, 0);
  }

  outcome(fields: Pick<Outcome, "subtype" | "terminalReason" | "isError" | "result" | "stopReason"> & Partial<Outcome>): Outcome {
    return {
      numTurns: this.turns,
      usage: { ...this.usage },
      modelUsage: this.byModel,
      costUSD: this.costUSD(),
      durationApiMs: Math.round(this.apiMs),
      permissionDenials: this.denials,
      ...fields,
    };
  }
}

function apiErrorText(error: unknown): { text: string; status?: number } {
  if (!(error instanceof ProviderError)) return { text: `Unexpected error: ${(error as Error)?.message ?? String(error)}` };
  // The provider's own words: it knows where its key came from.
  if (error.kind === "auth") return { text: error.message, status: error.status };
  if (error.status) return { text: `API Error: ${error.status} ${error.message}`, status: error.status };
  return { text: `API Error: ${error.message}` };
}

function retryEvent(notice: RetryNotice, discarded: boolean): AgentEvent {
  const { attempt, maxRetries, delayMs, error, failedModel, model } = notice;
  return { type: "retry", attempt, maxRetries, delayMs, error: error.status ? `${error.status} ${error.message}` : error.message, status: error.status, failedModel, model, discarded };
}

/**
 * The agent: sends the conversation, streams the answer, runs the tools it asks for, and repeats
 * until the model stops asking. It appends to `messages` as it goes and yields every step as an
 * event; it knows nothing of terminals, files or which provider it talks to.
 */
export async function* runAgent(deps: AgentDeps, config: AgentConfig, messages: Message[], prompt: UserMessage): AsyncGenerator<AgentEvent, Outcome> {
  const tally = new Tally();
  const finish = function* (outcome: Outcome): Generator<AgentEvent, Outcome> {
    yield { type: "done", outcome };
    return outcome;
  };
  const submitted = await config.hooks?.promptSubmit(textOf(prompt), config.signal);
  if (submitted?.blocked !== undefined) return yield* finish(tally.outcome({ subtype: "success", terminalReason: "completed", isError: false, result: submitted.blocked, stopReason: null }));
  if (submitted?.context.length) prompt = { role: "user", content: [...asBlocks(prompt.content), ...submitted.context.map((text): TextBlock => ({ type: "text", text }))] };
  let stopHookActive = false;
  messages.push(prompt);
  yield { type: "user", message: prompt };

  let recovered = false;
  let retrier = new Retrier(config.model, config.retry);
  let retrierFor = config.model;
  const ranBefore = new RanCalls();
  while (true) {
    if (config.maxBudgetUsd !== undefined && tally.costUSD() >= config.maxBudgetUsd) {
      const text = `Reached the maximum budget ($${config.maxBudgetUsd}): this run has cost $${tally.costUSD().toFixed(4)}.`;
      return yield* finish(tally.outcome({ subtype: "error_max_budget_usd", terminalReason: "budget", isError: true, result: text, stopReason: "tool_use" }));
    }
    tally.turns++;
    if (config.maxTurns !== undefined && tally.turns > config.maxTurns) {
      const text = `Reached the maximum number of turns (${config.maxTurns}).`;
      return yield* finish(tally.outcome({ subtype: "error_max_turns", terminalReason: "max_turns", isError: true, result: text, stopReason: "tool_use" }));
    }
    if (config.signal.aborted) return yield* finish(aborted(tally));
    const scope = config.context && { deps, config: { ...config, context: config.context } };
    if (scope) yield* counted(compactIfNeeded(messages, scope), tally);

    const wanted = config.turnModel?.() ?? config.model;
    if (wanted !== retrierFor) [retrier, retrierFor] = [new Retrier(wanted, config.retry), wanted];
    const executor = new ToolExecutor(deps.registry, deps.permissions, config.env, config.signal, ranBefore);
    const cwdBefore = config.env.cwd;
    let response = new ResponseAccumulator();
    // A turn's own model (a skill's) may not think: then its requests go without thinking.
    const thinking = wanted === config.model || modelInfo(wanted).thinking ? config.thinking : undefined;
    const request: ModelRequest = { model: retrier.model, system: config.system, messages: withCacheBreakpoints(messages, config.system), tools: deps.registry.specs(), maxTokens: config.maxTokens, thinking };
    yield { type: "request", turn: tally.turns, model: request.model };
    const sent = performance.now();
    collectIfGrown();
    let failure: unknown;
    // A stream cut after tools had started: see the rule at the `retry` AgentEvent.
    let cut: { notice: RetryNotice; at: number } | undefined;
    try {
      for await (const event of resilientStream(deps.provider, request, config.signal, retrier)) {
        if (event.type === "retry") {
          if (executor.size > 0) {
            cut = { notice: event, at: performance.now() };
            yield retryEvent(event, false);
            break;
          }
          // Nothing ran: drop the partial response (its tokens are still paid for) and ask again.
          if (response.id) tally.add(response.model, response.usage);
          response = new ResponseAccumulator();
          yield retryEvent(event, event.partial);
          continue;
        }
        yield { type: "stream", event };
        if (event.type === "content_block_delta") {
          if (event.delta.type === "text_delta") yield { type: "text", text: event.delta.text };
          else if (event.delta.type === "thinking_delta") yield { type: "thinking", text: event.delta.thinking };
        }
        const done = response.push(event);
        if (done?.block.type === "tool_use") executor.submit(done.block, done.jsonError);
        yield* executor.drain();
      }
    } catch (error) {
      failure = error;
    }
    tally.apiMs += performance.now() - sent;
    const model = response.model || request.model;
    if (response.id) tally.add(model, response.usage);
    // "Prompt is too long": compact once and send again, instead of failing the run.
    if (scope && !recovered && failure instanceof ProviderError && failure.kind === "prompt_too_long" && response.message().content.length === 0) {
      recovered = true;
      tally.turns--;
      try {
        yield* counted(compact(messages, scope, "prompt_too_long"), tally);
        continue;
      } catch (error) {
        if (!config.signal.aborted) yield { type: "notice", text: `could not compact the conversation (${(error as Error).message})` };
      }
    }

    const assistant = response.message();
    if (assistant.content.length > 0) {
      messages.push(assistant);
      if (failure === undefined) config.context?.meter.observe(messages.length, response.usage);
      yield { type: "assistant", message: assistant, messageId: response.id, usage: response.usage, model };
    }
    // A call that started must still get its result, even when the stream broke afterwards.
    let results: ToolResultBlock[] = yield* executor.finish();
    if (config.context && results.length > 0) results = await config.context.annotate(assistant.content, results, config.env.cwd);
    // A `cd` of the round moved the session: CwdChanged hooks are told (they cannot stop anything).
    if (config.env.cwd !== cwdBefore) await config.hooks?.event("CwdChanged", { old_cwd: cwdBefore, new_cwd: config.env.cwd, cwd: config.env.cwd }, config.signal);
    // PostToolBatch hooks see the whole round; what they say goes with it, `continue: false` ends the run.
    const batch = results.length > 0 && !config.signal.aborted ? await config.hooks?.event("PostToolBatch", toolBatchPayload(assistant, results), config.signal) : undefined;
    if (results.length > 0) {
      // Background tasks that ended meanwhile are reported alongside, so the model need not poll.
      const notes = takeNotifications(config.env.sessionId).map((text): TextBlock => ({ type: "text", text }));
      const said = batch ? [...batch.context.map((c) => `PostToolBatch hook additional context: ${c}`), ...(batch.blocked !== undefined ? [`PostToolBatch hook blocking error: ${batch.blocked}`] : [])].map((text): TextBlock => ({ type: "text", text })) : [];
      const toolMessage: UserMessage = { role: "user", content: [...results, ...executor.attachments(), ...said, ...notes, ...(config.takeQueued?.() ?? [])] };
      messages.push(toolMessage);
      yield { type: "user", message: toolMessage };
    }
    tally.denials.push(...executor.denials);
    if (cut) ranBefore.add(executor.ranCalls());
    else ranBefore.clear();
    for (const { model, usage } of executor.spent) tally.add(model, usage);

    if (config.signal.aborted) return yield* finish(aborted(tally));
    // A hook said `continue: false`: the results are in the conversation, and nothing more is asked.
    const stopped = executor.stopped ?? (batch?.stop !== undefined ? `PostToolBatch hook stopped the run${batch.stop ? `: ${batch.stop}` : ""}` : undefined);
    if (stopped !== undefined) {
      return yield* finish(tally.outcome({ subtype: "error_during_execution", terminalReason: "hook_stopped", isError: true, result: stopped, stopReason: response.stopReason }));
    }
    if (cut) {
      // The kept blocks and their results are in the conversation: after the rest of the backoff,
      // the next request continues from them.
      const wait = cut.at + cut.notice.delayMs - performance.now();
      if (wait > 0) await sleep(wait, config.signal).catch(() => {});
      if (config.signal.aborted) return yield* finish(aborted(tally));
      continue;
    }
    if (failure !== undefined) {
      const { text, status } = apiErrorText(failure);
      await config.hooks?.event("StopFailure", stopFailurePayload(failure, text), config.signal);
      return yield* finish(tally.outcome({ subtype: "error_during_execution", terminalReason: "api_error", isError: true, result: text, stopReason: null, apiErrorStatus: status }));
    }
    if (results.length === 0 && config.hooks) {
      const stop = await config.hooks.stop(textOf(assistant), stopHookActive, config.signal);
      if (stop.feedback !== undefined) {
        stopHookActive = true;
        const feedback: UserMessage = { role: "user", content: [{ type: "text", text: stop.feedback }, ...stop.context.map((text): TextBlock => ({ type: "text", text }))] };
        messages.push(feedback);
        yield { type: "user", message: feedback };
        continue;
      }
    }
    const endsNow = results.length > 0 && config.endRunNow?.() === true;
    // As Claude Code counts: the round that hands back the final StructuredOutput result is a turn too.
    if (endsNow) tally.turns++;
    if (results.length === 0 || endsNow) {
      return yield* finish(tally.outcome({ subtype: "success", terminalReason: "completed", isError: false, result: textOf(assistant), stopReason: response.stopReason }));
    }
  }
}

/** Passes compaction events through, counting the summary requests in the run's usage. */
async function* counted<T>(events: AsyncGenerator<AgentEvent, T>, tally: Tally): AsyncGenerator<AgentEvent, T> {
  while (true) {
    const next = await events.next();
    if (next.done) return next.value;
    if (next.value.type === "compact") tally.add(next.value.model, next.value.usage);
    yield next.value;
  }
}

function aborted(tally: Tally): Outcome {
  return tally.outcome({ subtype: "error_during_execution", terminalReason: "aborted", isError: true, result: "Interrupted by user.", stopReason: null });
}
