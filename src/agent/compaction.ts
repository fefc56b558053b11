import { withCacheBreakpoints } from "../context/cache.ts";
import { microCompact } from "../context/micro.ts";
import { restoreFiles } from "../context/restore.ts";
import type { SessionContext } from "../context/session-context.ts";
import { extractSummary, summaryMessage, summaryPrompt } from "../context/summary.ts";
import { messageTokens } from "../context/tokens.ts";
import { asBlocks, type Message, textOf, type UserBlock } from "../model/messages.ts";
import { ProviderError } from "../model/provider.ts";
import { ResponseAccumulator } from "./accumulate.ts";
import type { AgentEvent, CompactTrigger } from "./events.ts";
import type { AgentConfig, AgentDeps } from "./loop.ts";

export type CompactionScope = { deps: AgentDeps; config: Omit<AgentConfig, "context"> & { context: SessionContext } };

/** The latest turns kept verbatim and the files restored each get this share of the window. */
const KEEP_SHARE = 0.1;
const MAX_KEEP_TOKENS = 20_000;
const CACHE_TTL_MS = 5 * 60_000;

/**
 * Before each request: when the conversation has grown past the threshold, first clear old large
 * tool results (no model call); if that is not enough, summarise.
 */
export async function* compactIfNeeded(messages: Message[], scope: CompactionScope): AsyncGenerator<AgentEvent> {
  const { config, deps } = scope;
  const context = config.context;
  if (!context.settings.autoCompact || messages.length < 2) return;
  const threshold = context.threshold(config.model, config.maxTokens);
  const tools = deps.registry.specs();
  // After five idle minutes the prompt cache has expired and this request writes the prefix anew
  // anyway: clearing old large tool results now loses no cache and makes every later request cheaper.
  const idle = context.meter.observedAt !== undefined && Date.now() - context.meter.observedAt > CACHE_TTL_MS;
  if (idle && microCompact(messages) > 0) context.meter.reset();
  const tokens = context.estimate(messages, config.system, tools);
  if (tokens <= threshold) return;
  // A compaction that could not get under the threshold is not repeated on every request: only
  // once the conversation has grown by another 5% of the window.
  if (context.compactedTo !== undefined && tokens < context.compactedTo + context.window(config.model) * 0.05) return;
  if (microCompact(messages) > 0) {
    context.meter.reset();
    if (context.estimate(messages, config.system, tools) <= threshold) return;
  }
  try {
    yield* compact(messages, scope, "auto");
  } catch (error) {
    if (config.signal.aborted) return;
    yield { type: "notice", text: `could not compact the conversation (${(error as Error).message}); going on without` };
  }
}

/** Where the verbatim tail starts: at an assistant message, as many latest turns as fit `budget`. */
function cutPoint(messages: readonly Message[], budget: number): number {
  let cut = messages.length;
  let tokens = 0;
  for (let i = messages.length - 1; i >= 1; i--) {
    tokens += messageTokens(messages[i]!);
    if (tokens > budget) break;
    if (messages[i]!.role === "assistant") cut = i;
  }
  return cut;
}

/** The summarised part with the summary request appended to its last user message. */
function summaryRequest(summarised: readonly Message[], instructions?: string): Message[] {
  const ask: UserBlock = { type: "text", text: summaryPrompt(instructions) };
  const last = summarised.at(-1)!;
  if (last.role === "assistant") return [...summarised, { role: "user", content: [ask] }];
  return [...summarised.slice(0, -1), { role: "user", content: [...asBlocks(last.content), ask] }];
}

async function summarise(messages: Message[], scope: CompactionScope, instructions?: string) {
  const { deps, config } = scope;
  const response = new ResponseAccumulator();
  let complete = false;
  const request = {
    // Same model, system and tools as the conversation, so the request reads its prefix from cache.
    model: config.model,
    system: config.system,
    tools: deps.registry.specs(),
    messages: withCacheBreakpoints(summaryRequest(messages, instructions), config.system),
    maxTokens: Math.min(config.maxTokens, 20_000),
  };
  for await (const event of deps.provider.stream(request, config.signal)) {
    if (event.type === "error") throw new ProviderError("server", event.error.message);
    if (event.type === "message_stop") complete = true;
    response.push(event);
  }
  if (!complete) throw new ProviderError("bad_response", "the summary response ended early");
  const summary = extractSummary(textOf(response.message()));
  if (!summary) throw new ProviderError("bad_response", "the model returned an empty summary");
  return { summary, usage: response.usage, model: response.model || config.model };
}

/**
 * Summarises everything but the latest turns and replaces the conversation (in place) with the
 * summary, the user's latest request, todo list and plan, memory files that joined on the way,
 * the files read most recently, then the latest turns verbatim. Yields the compact event; returns
 * one line for the user. Throws ProviderError when the summary request fails.
 */
export async function* compact(messages: Message[], scope: CompactionScope, trigger: CompactTrigger, instructions?: string): AsyncGenerator<AgentEvent, string> {
  const { config, deps } = scope;
  const context = config.context;
  if (messages.length < 2) return "Nothing to compact yet.";
  const hook = await context.settings.preCompact?.({ trigger: trigger === "manual" ? "manual" : "auto", customInstructions: instructions ?? "" });
  if (hook?.block) return `Compaction blocked by a PreCompact hook: ${hook.block}`;
  const extraInstructions = [instructions, hook?.instructions].filter(Boolean).join("\n");

  const tools = deps.registry.specs();
  const tokensBefore = context.estimate(messages, config.system, tools);
  const window = context.window(config.model);
  const budget = Math.min(MAX_KEEP_TOKENS, Math.floor(window * KEEP_SHARE));
  const cut = cutPoint(messages, budget);
  const summarised = messages.slice(0, cut);
  const kept = messages.slice(cut);

  let result: Awaited<ReturnType<typeof summarise>>;
  try {
    result = await summarise(summarised, scope, extraInstructions);
  } catch (error) {
    if (!(error instanceof ProviderError && error.kind === "prompt_too_long")) throw error;
    // Even the part to summarise is too long: summarise it with every old tool result cleared.
    const lighter = [...summarised];
    microCompact(lighter, 0, 500);
    result = await summarise(lighter, scope, extraInstructions);
  }

  const memory = context.memory.reminders();
  const restarted = (await context.settings.afterCompact?.({ trigger: trigger === "manual" ? "manual" : "auto", summary: result.summary })) ?? [];
  const extra = [
    ...(memory.length ? [`<system-reminder>\n${memory.join("\n\n")}\n</system-reminder>`] : []),
    ...restarted,
    ...(await restoreFiles(summarised, kept, { cwd: config.env.cwd, budgetTokens: budget, files: config.env.files, canRead: (path) => deps.permissions.canRead?.(path) ?? true })),
  ];
  const replacement = [summaryMessage(result.summary, summarised, kept, extra, trigger !== "manual"), ...kept];
  messages.splice(0, messages.length, ...replacement);
  context.meter.reset();
  const tokensAfter = context.estimate(messages, config.system, tools);
  context.compactedTo = tokensAfter;
  yield { type: "compact", trigger, tokensBefore, tokensAfter, messages: [...replacement], model: result.model, usage: result.usage };
  const k = (n: number) => `${(n / 1000).toFixed(1)}k`;
  return `Compacted the conversation: ${k(tokensBefore)} → ${k(tokensAfter)} tokens (estimated).`;
}
