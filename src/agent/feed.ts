import type { AgentEvent } from "./events.ts";

/** Events kept for a run that starts later: enough for any background agent's recent steps. */
const MAX_KEPT = 1000;

/**
 * Events of work no run waits for (background sub-agents): the session passes them into its
 * running run's stream as they arrive, or into the next run's when none is running.
 */
export class EventFeed {
  private readonly queue: AgentEvent[] = [];
  /** Runs waiting for their next step or for an arrival, whichever comes first. */
  private readonly waiters = new Set<() => void>();

  push(event: AgentEvent): void {
    this.queue.push(event);
    if (this.queue.length > MAX_KEPT) this.queue.shift();
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** Everything queued so far. */
  take(): AgentEvent[] {
    return this.queue.splice(0);
  }

  /**
   * `step`'s result, or undefined as soon as something is queued first. Each wait has its own
   * promise, dropped when the step wins: racing every step against one promise that lives as long
   * as the session piled a reaction per step on it, holding every step's event (and the objects it
   * reached) until the session ended.
   */
  async until<T>(step: Promise<T>): Promise<T | undefined> {
    if (this.queue.length) return undefined;
    const { promise, resolve } = Promise.withResolvers<undefined>();
    const wake = () => resolve(undefined);
    this.waiters.add(wake);
    try {
      return await Promise.race([step, promise]);
    } finally {
      this.waiters.delete(wake);
    }
  }
}
