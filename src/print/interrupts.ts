const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof EXIT_CODES;

/**
 * SIGINT and SIGTERM end the run cleanly: the running turn is aborted (tools stopped, every call
 * answered), the result line is printed and the session stays consistent. A second signal exits at
 * once, for a run that does not stop.
 */
export class Interrupts {
  signal?: StopSignal;
  /** Called on the first signal, after the running turn was aborted. */
  onStop?: () => void;
  private current?: AbortController;

  install(): void {
    for (const name of Object.keys(EXIT_CODES) as StopSignal[]) {
      process.on(name, () => {
        if (this.signal) process.exit(EXIT_CODES[this.signal]);
        this.signal = name;
        this.current?.abort();
        this.onStop?.();
      });
    }
  }

  /** A fresh controller for the next turn, already aborted when a signal came. */
  forTurn(): AbortController {
    this.current = new AbortController();
    if (this.signal) this.current.abort();
    return this.current;
  }

  /** Stops the running turn only (a stream-json `interrupt` request); later turns still run. */
  interruptTurn(): void {
    this.current?.abort();
  }

  get exitCode(): number | undefined {
    return this.signal && EXIT_CODES[this.signal];
  }
}
