// How the engine asks a person. The REPL implements Asker; print mode has none, so a call that
// would ask is refused at once and nothing ever waits for input.

export type AskRequest = {
  toolName: string;
  input: unknown;
  /** One line naming the call, such as `Bash(npm test)`. */
  title: string;
  /** What exactly would run or change: the whole command, or the file path. */
  detail: string;
  /** Why the engine asks (outside the working directories, not read-only, an ask rule…). */
  reason: string;
  /** The rules "yes, and don't ask again" would save, such as `Bash(npm run test:*)`. */
  suggestedRules: string[];
};

export type AskAnswer =
  | { answer: "yes" }
  /** Yes, and save `rules` (normally the suggested ones) so the same call is not asked again. */
  | { answer: "always"; rules: string[] }
  /** No; `reason`, when given, is passed to the model. */
  | { answer: "no"; reason?: string };

export interface Asker {
  ask(request: AskRequest, signal: AbortSignal): Promise<AskAnswer>;
}

/** Runs one ask at a time, in arrival order: never two prompts open at once. */
export class AskQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const next = this.tail.then(job, job);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
