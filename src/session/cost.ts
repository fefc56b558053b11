import type { AgentEvent } from "../agent/events.ts";
import { addModelUsage, type ModelUsage } from "../model/models.ts";

/**
 * Running totals of one session: every response and compaction summary, by model, priced from the
 * model table. It consumes the same events the session file stores, so a resumed session starts
 * with the totals of its earlier runs.
 */
export class SessionCost {
  /** Totals of the runs that finished: their outcomes count everything, sub-agents included. */
  private readonly settled: ModelUsage = {};
  /** Responses and summaries of the run going on (or cut short by a crash) since the last outcome. */
  private open: ModelUsage = {};
  apiMs = 0;
  private readonly startedAt = performance.now();

  observe(event: AgentEvent): void {
    // A /compact outside any run has no outcome to count it: it is settled at once.
    if (event.type === "compact" && event.trigger === "manual") addModelUsage(this.settled, event.model, event.usage);
    // Work no run waits for (a background sub-agent) is in no outcome either: settled at once.
    else if (event.type === "usage" && event.toolUseId === undefined) addModelUsage(this.settled, event.model, event.usage);
    else if (event.type === "assistant" || event.type === "compact" || event.type === "usage") addModelUsage(this.open, event.model, event.usage);
    else if (event.type === "done") {
      for (const [model, usage] of Object.entries(event.outcome.modelUsage)) addModelUsage(this.settled, model, usage);
      this.open = {};
      this.apiMs += event.outcome.durationApiMs;
    }
  }

  get byModel(): ModelUsage {
    const all: ModelUsage = {};
    for (const part of [this.settled, this.open]) for (const [model, usage] of Object.entries(part)) addModelUsage(all, model, usage);
    return all;
  }

  get totalUSD(): number {
    return Object.values(this.byModel).reduce((sum, m) => sum + m.costUSD, 0);
  }

  /** What /cost shows (CommandSession.cost): `apiMs` waited for the API over every run, resumed ones included; `wallMs` of this process. */
  summary() {
    return { totalUSD: this.totalUSD, apiMs: this.apiMs, wallMs: performance.now() - this.startedAt, byModel: this.byModel };
  }
}
