import type { Message, UserMessage } from "../model/messages.ts";
import { SessionCost } from "../session/cost.ts";
import { isRecorded, type RecordedEvent } from "../session/store.ts";
import type { AgentEvent, Outcome } from "./events.ts";
import type { ToolEnvironment } from "./executor.ts";
import { compact } from "./compaction.ts";
import { type AgentConfig, type AgentDeps, runAgent } from "./loop.ts";
import { fsErrorText } from "../fs/fs-error.ts";

export type SessionConfig = Omit<AgentConfig, "env" | "signal">;

/** Where a session's events are kept (src/session/store.ts writes them as JSONL). */
export interface EventStore {
  append(event: RecordedEvent): void;
  /** The file it writes, named when a write fails (the error itself may not say). */
  readonly path?: string;
}

/**
 * What a skill set for one turn only (Claude Code: "while the skill is active"): the model of the
 * turn's later requests, and the tool rules its `allowed-tools` grant. Cleared when the turn ends.
 */
export type TurnSettings = { model?: string; grants: string[] };

/** What a session starts from: a resumed conversation, its running totals, where to keep it. */
export type SessionHistory = {
  messages?: Message[];
  cost?: SessionCost;
  store?: EventStore;
  /** One line each, shown before the first run (a damaged session file that still loaded). */
  notices?: string[];
};

/**
 * One conversation: its messages and tool environment outlive each prompt. The REPL, print mode
 * and the SDK all drive the agent through this, and every event passes through it on the way, so
 * the session file and the running cost see exactly what the user saw. `deps` and `config` may
 * change between prompts (`/model`, a new permission mode).
 */
export class AgentSession {
  readonly messages: Message[];
  /** Running totals of every run of this session (resumed runs included). */
  readonly cost: SessionCost;
  store?: EventStore;
  /** The running turn's settings (see TurnSettings); a skill invoked during the turn changes them. */
  turn: TurnSettings = { grants: [] };
  /** Settings for the next turn to start with (`/skill` typed by the user, before its turn runs). */
  nextTurn?: TurnSettings;
  /** Told how each run ended (a forked `/skill` reports to the session it was typed in). */
  onOutcome?: (outcome: Outcome) => void;
  private notices: string[];

  constructor(
    public deps: AgentDeps,
    public config: SessionConfig,
    readonly env: ToolEnvironment,
    history: SessionHistory = {},
  ) {
    this.messages = history.messages ?? [];
    this.cost = history.cost ?? new SessionCost();
    this.store = history.store;
    this.notices = [...(history.notices ?? [])];
  }

  get id(): string {
    return this.env.sessionId;
  }

  send(prompt: string | UserMessage, signal: AbortSignal): AsyncGenerator<AgentEvent, Outcome> {
    const message: UserMessage = typeof prompt === "string" ? { role: "user", content: prompt } : prompt;
    this.turn = this.nextTurn ?? { grants: [] };
    this.nextTurn = undefined;
    const turnModel = () => this.turn.model;
    return this.observed(runAgent(this.deps, { ...this.config, env: this.env, signal, turnModel }, this.messages, message));
  }

  /**
   * /compact: summarises the conversation now (see compaction.ts). Yields the compact event;
   * returns one line for the user.
   */
  compact(instructions: string, signal: AbortSignal): AsyncGenerator<AgentEvent, string> {
    const context = this.config.context;
    if (!context) return (async function* () {
      return "This session has no context manager: nothing to compact.";
    })();
    return this.observed(compact(this.messages, { deps: this.deps, config: { ...this.config, env: this.env, signal, context } }, "manual", instructions));
  }

  /**
   * Adds to the conversation what happened outside its own runs (a forked `/skill`: the command
   * and the sub-agent's report), kept in the totals and the session file like a run's events.
   */
  record(events: RecordedEvent[]): void {
    for (const event of events) {
      if (event.type === "user" || event.type === "assistant") this.messages.push(event.message);
      this.cost.observe(event);
      const problem = this.save(event);
      if (problem) this.notices.push(problem);
    }
  }

  /** Appends to the session file; a failed write stops saving (returned as the notice to show) rather than the session. */
  private save(event: RecordedEvent): string | undefined {
    try {
      this.store?.append(event);
    } catch (error) {
      const path = this.store?.path;
      this.store = undefined;
      return `cannot save the session any more (${fsErrorText(error, path) ?? (error as Error).message}); it goes on unsaved`;
    }
  }

  /** One line for the user, shown before the run's next event (a mention a deny rule kept out). */
  notice(text: string): void {
    this.notices.push(text);
  }

  private *pendingNotices(): Generator<AgentEvent> {
    for (const text of this.notices.splice(0)) yield { type: "notice", text };
  }

  /** Passes a run's events through, keeping the totals and the session file up to date as they happen. */
  private async *observed<T>(run: AsyncGenerator<AgentEvent, T>): AsyncGenerator<AgentEvent, T> {
    yield* this.pendingNotices();
    // Background agents' steps join the stream as they happen, even while the run waits on a tool.
    const feed = this.env.services?.background;
    try {
      // The run's next step is asked for only once the consumer took the last one.
      let pending: Promise<IteratorResult<AgentEvent, T>> | undefined;
      while (true) {
        pending ??= run.next();
        const next = feed ? await feed.until(pending) : await pending;
        // What the background did before this step comes first.
        if (feed) yield* feed.take();
        if (next === undefined) continue;
        pending = undefined;
        if (next.done) return next.value;
        const event = next.value;
        this.cost.observe(event);
        const problem = isRecorded(event) ? this.save(event) : undefined;
        if (problem) yield { type: "notice", text: problem };
        yield* this.pendingNotices();
        if (event.type === "done") this.onOutcome?.(event.outcome);
        yield event;
      }
    } finally {
      await run.return(undefined as T);
      this.turn = { grants: [] };
    }
  }
}
