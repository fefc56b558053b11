import type { AgentEvent } from "./events.ts";

/** Events kept for a run that starts later: enough for any background agent's recent steps. */
const MAX_KEPT = 1000;

/**
 * Events of work no run waits for (background sub-agents): the session passes them into its
 * running run's stream as they arrive, or into the next run's when none is running.
 */
export class EventFeed {
  private readonly queue: AgentEvent[] = [];
  /** One promise for every wait until something arrives: a run asks at each of its steps. */
  private waiting?: { promise: Promise<void>; resolve: () => void };

  push(event: AgentEvent): void {
    this.queue.push(event);
    if (this.queue.length > MAX_KEPT) this.queue.shift();
    this.waiting?.resolve();
    this.waiting = undefined;
  }

  /** Everything queued so far. */
  take(): AgentEvent[] {
    return this.queue.splice(0);
  }

  /** Resolves once something is queued. */
  arrival(): Promise<void> {
    if (this.queue.length) return Promise.resolve();
    if (!this.waiting) {
      const { promise, resolve } = Promise.withResolvers<void>();
      this.waiting = { promise, resolve };
    }
    return this.waiting.promise;
  }
}
