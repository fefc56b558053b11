import type { AgentEvent, Outcome } from "../agent/events.ts";
import type { AgentSession } from "../agent/session.ts";
import { asBlocks, emptyUsage, type UserMessage } from "../model/messages.ts";
import { answerControl, type ControlContext, type SessionStart } from "./control/handler.ts";
import { CONTROL_HANDLERS } from "./control/handlers.ts";
import type { InputItem } from "./input.ts";
import { Interrupts } from "./interrupts.ts";
import type { SDKResultMessage } from "./messages.ts";
import { Output } from "./output.ts";
import { type PrintFormat, Printer } from "./printer.ts";
import { type SessionInfo, StreamTranslator } from "./stream.ts";
import { mergeOutcomes, NUDGE, type StructuredOutput } from "./structured.ts";

export type PrintOptions = {
  outputFormat: PrintFormat;
  verbose: boolean;
  includePartialMessages: boolean;
  /** With --json-schema: the StructuredOutput tool, already in the session's registry. */
  structured?: StructuredOutput;
};

/** Where the turns come from: one prompt, or user messages read from stdin (--input-format stream-json). */
export type PrintInput = { prompt: UserMessage; startedAt: number } | { stream: AsyncIterable<InputItem>; /** What control requests act on. */ control: SessionStart };

/**
 * What a user message becomes once prepared as typed text (slash commands, skills, @mentions):
 * a message for the model, sent in `target` when it runs in a session of its own (a forked
 * skill's sub-agent; the lines still name the session it was given in), or a command that already
 * ran here, with its output and the events it caused (a /compact's boundary).
 */
export type PreparedTurn = { message: UserMessage; target?: AgentSession } | { ran: CommandRun };
type CommandRun = { output: string; error?: string; events: AgentEvent[] };
export type Prepare = (message: UserMessage, signal: AbortSignal) => Promise<PreparedTurn>;

/**
 * Print mode: runs the turns, prints each in the chosen format and returns the exit code: 0 only
 * when every turn succeeded, 1 when one failed, 130/143 after SIGINT/SIGTERM (the interrupted turn
 * still prints its result line).
 */
export async function runPrintMode(session: AgentSession, info: () => SessionInfo, options: PrintOptions, input: PrintInput, prepare: Prepare = async (message) => ({ message })): Promise<number> {
  const out = new Output();
  const printer = new Printer(options.outputFormat, options.verbose, out);
  const translator = new StreamTranslator(session.id, {
    includePartial: options.includePartialMessages && options.outputFormat === "stream-json",
    // Under the SDK protocol, as Claude Code: a refusal the model answered is not a failed turn (permission_denials still lists it).
    judgeDenials: !("stream" in input),
  });
  const interrupts = new Interrupts();
  interrupts.install();
  if (options.structured) session.config.endRunNow = options.structured.endRunNow;
  let failed = false;

  const runOnce = async (prompt: string | UserMessage, target: AgentSession): Promise<Outcome> => {
    const run = target.send(prompt, interrupts.forTurn().signal);
    while (true) {
      const next = await run.next();
      if (next.done) return next.value;
      printer.event(next.value);
      for (const message of translator.translate(next.value)) await printer.message(message);
    }
  };

  /** A turn the model runs; with --json-schema it is nudged once to answer through StructuredOutput. */
  const modelTurn = async (prompt: UserMessage, target: AgentSession): Promise<SDKResultMessage> => {
    let outcome = await runOnce(prompt, target);
    const structured = options.structured;
    if (structured && !structured.endRunNow() && !outcome.isError && !interrupts.signal) {
      outcome = mergeOutcomes(outcome, await runOnce(NUDGE, target));
    }
    const stopped = !interrupts.signal && outcome.terminalReason === "aborted" ? await hostInterrupted(target) : undefined;
    if (stopped) outcome = { ...outcome, stopReason: stopped.stopReason };
    const failure =
      interrupts.signal && outcome.terminalReason === "aborted"
        ? { subtype: "error_during_execution" as const, terminalReason: "aborted", error: `Stopped by ${interrupts.signal}.` }
        : stopped
          ? { subtype: "error_during_execution" as const, terminalReason: stopped.terminalReason, error: outcome.result }
          : structured && structured.value === undefined && !outcome.isError
          ? { subtype: "error_max_structured_output_retries" as const, terminalReason: "completed", error: `The model gave no answer matching the --json-schema schema (${structured.invalidCalls} invalid ${structured.tool.name} calls).` }
          : undefined;
    const result = translator.result(outcome, { structuredOutput: structured?.value, failure });
    if (structured) structured.value = undefined;
    return result;
  };

  /**
   * The host's interrupt stopped the turn: as Claude Code, a user line says so and the result
   * names where it stopped (its tools, or the model's answer).
   */
  const hostInterrupted = async (target: AgentSession) => {
    const last = target.messages.at(-1);
    const inTools = last?.role === "user" && typeof last.content !== "string" && last.content.some((b) => b.type === "tool_result");
    const text = inTools ? "[Request interrupted by user for tool use]" : "[Request interrupted by user]";
    await printer.message({ type: "user", message: { role: "user", content: [{ type: "text", text }] }, parent_tool_use_id: null, session_id: session.id, uuid: crypto.randomUUID(), timestamp: new Date().toISOString() });
    // The response whose tools were running had asked for them.
    return { terminalReason: inTools ? "aborted_tools" : "aborted_streaming", stopReason: inTools ? "tool_use" : null };
  };

  /** A command that ran without the model: its output is the turn's result. */
  const commandTurn = async ({ output, error, events }: CommandRun): Promise<SDKResultMessage> => {
    for (const event of events) for (const message of translator.translate(event)) await printer.message(message);
    return translator.result(localOutcome(output, error));
  };

  /** The SDK asks for turn boundaries with CLAUDE_CODE_SDK_READS_SESSION_STATE (Claude Code's `sdk_host_only` lines). */
  const statesRead = "stream" in input && options.outputFormat === "stream-json" && /^(1|true)$/i.test(process.env.CLAUDE_CODE_SDK_READS_SESSION_STATE ?? "");
  const sessionState = async (state: "running" | "idle") => {
    if (statesRead) await printer.message({ type: "system", subtype: "session_state_changed", state, sdk_host_only: true, uuid: crypto.randomUUID(), session_id: session.id });
  };

  /** One turn: the user message prepared, the init line, what runs, the result line. */
  const turn = async (message: UserMessage, startedAt = performance.now()) => {
    const prepared = await prepare(message, interrupts.forTurn().signal);
    translator.beginTurn(startedAt);
    await sessionState("running");
    if (options.outputFormat !== "text") await printer.message(translator.init(info()));
    const result = "ran" in prepared ? await commandTurn(prepared.ran) : await modelTurn(prepared.message, prepared.target ?? session);
    // A turn the host interrupted ended as it asked: the SDK would throw at a non-zero exit (Claude Code exits 0).
    failed ||= result.is_error && !result.terminal_reason.startsWith("aborted_");
    await printer.message(result);
    await sessionState("idle");
  };

  if ("prompt" in input) await turn(input.prompt, input.startedAt);
  // A message that could not be read was lost, so the run did not do all it was asked: exit 1.
  else failed = (await conversation(input, session, interrupts, out, turn, (message) => printer.message(message))).lostLines > 0 || failed;
  return interrupts.exitCode ?? (failed ? 1 : 0);
}

/**
 * --input-format stream-json: each user line starts a turn. A line that arrives while a turn runs
 * joins that turn with its next tool results (as Claude Code does); if the turn ends first, it gets
 * a turn of its own. Ends at stdin EOF once the last turn is done, or on a signal. Lines that are
 * not messages are reported one line each and skipped; broken messages are counted.
 */
async function conversation(
  { stream, control }: Extract<PrintInput, { stream: unknown }>,
  session: AgentSession,
  interrupts: Interrupts,
  out: Output,
  turn: (message: UserMessage) => Promise<unknown>,
  emit: ControlContext["emit"],
): Promise<{ lostLines: number }> {
  const waiting: UserMessage[] = [];
  let lostLines = 0;
  let busy = false;
  let ended = false;
  let wake = () => {};
  // Messages join the running turn up to the first slash command, which waits for a turn of its own.
  const joining = () => {
    const command = waiting.findIndex((m) => /^\s*\//.test(typedText(m) ?? ""));
    return waiting.splice(0, command < 0 ? waiting.length : command);
  };
  session.config.takeQueued = () => (busy ? joining().flatMap((m) => asBlocks(m.content)) : []);
  interrupts.onStop = () => wake();
  const interrupt: ControlContext["interrupt"] = (cancelQueued) => {
    interrupts.interruptTurn();
    if (!cancelQueued) return { still_queued: [] };
    waiting.length = 0;
    return { still_queued: [], cancelled: [] };
  };
  // Each message's id (the host's, or one given here) names the point its turn started from: rewind_files goes back to it.
  const ids = new WeakMap<UserMessage, string>();
  const checkpoints = new Map<string, number>();
  const context: ControlContext = { ...control, emit, busy: () => busy, interrupt, checkpoints };

  const handle = async (item: InputItem) => {
    if (item.kind === "user") {
      ids.set(item.message, item.uuid ?? crypto.randomUUID());
      waiting.push(item.message);
    }
    else if (item.kind === "invalid") {
      if (item.lost) lostLines++;
      process.stderr.write(`nanocode: ${item.error}\n`);
    }
    else await answerControl(CONTROL_HANDLERS, item.requestId, { ...item.request, subtype: item.subtype }, context, (line) => out.line(line));
    wake();
  };
  void (async () => {
    for await (const item of stream) await handle(item);
    ended = true;
    wake();
  })();

  while (!interrupts.signal) {
    const next = waiting.shift();
    if (next) {
      busy = true;
      const uuid = ids.get(next)!;
      checkpoints.set(uuid, session.messages.length);
      // --replay-user-messages: the message comes back with its id, which the host keeps as a checkpoint.
      if (control.replayUserMessages) await emit({ type: "user", message: next, parent_tool_use_id: null, session_id: session.id, uuid, timestamp: new Date().toISOString(), isReplay: true });
      await turn(next);
      busy = false;
    } else if (ended) break;
    else await new Promise<void>((resolve) => (wake = resolve));
  }
  return { lostLines };
}

/** The text of a message as the user typed it: a string, or a lone text block; undefined for anything else (images, tool results). */
export function typedText(message: UserMessage): string | undefined {
  if (typeof message.content === "string") return message.content;
  const [only, ...rest] = message.content;
  return only?.type === "text" && rest.length === 0 ? only.text : undefined;
}

function localOutcome(output: string, error: string | undefined): Outcome {
  return {
    subtype: error === undefined ? "success" : "error_during_execution",
    terminalReason: "completed",
    isError: error !== undefined,
    result: error ?? output,
    stopReason: null,
    numTurns: 0,
    usage: emptyUsage(),
    modelUsage: {},
    costUSD: 0,
    durationApiMs: 0,
    permissionDenials: [],
  };
}
