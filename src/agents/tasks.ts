import { EventFeed } from "../agent/feed.ts";
import type { BackgroundTask, BackgroundTasks, TaskState } from "../registry/agent-api.ts";

class Task implements BackgroundTask {
  state: TaskState = "running";
  output = "";
  done: Promise<void> = Promise.resolve();
  readonly controller = new AbortController();

  constructor(
    readonly id: string,
    readonly kind: string,
    readonly description: string,
  ) {}

  /** Sets the end state once: a stopped task stays stopped when its work settles later. */
  end(state: TaskState, output?: string): void {
    if (this.state !== "running") return;
    this.state = state;
    if (output !== undefined) this.output = output;
  }
}

/**
 * The session's background work (sub-agents started with run_in_background, background shells),
 * by id. Tasks outlive the call that started them; TaskOutput reads them and TaskStop ends them.
 */
export class TaskBoard implements BackgroundTasks {
  private readonly tasks = new Map<string, Task>();
  /** The steps of background sub-agents, for the main session's event stream. */
  readonly feed = new EventFeed();

  start(kind: string, description: string, work: (signal: AbortSignal, write: (text: string) => void) => Promise<string | void>): BackgroundTask {
    const id = `${kind}-${crypto.randomUUID().slice(0, 8)}`;
    const task = new Task(id, kind, description);
    this.tasks.set(id, task);
    const write = (text: string) => {
      if (task.state === "running") task.output += text;
    };
    // Started at once (an async wrapper turns a synchronous throw into a failure), so a stop that
    // comes right after start already finds the work listening.
    task.done = (async () => work(task.controller.signal, write))().then(
      (output) => task.end("completed", typeof output === "string" ? output : undefined),
      (error: unknown) => task.end("failed", `${task.output}${task.output ? "\n" : ""}${error instanceof Error ? error.message : String(error)}`),
    );
    return task;
  }

  get(id: string): BackgroundTask | undefined {
    return this.tasks.get(id);
  }

  list(): BackgroundTask[] {
    return [...this.tasks.values()];
  }

  stop(id: string): boolean {
    const task = this.tasks.get(id);
    if (!task || task.state !== "running") return false;
    task.end("stopped");
    task.controller.abort();
    return true;
  }

  /** Stops every running task (the session is ending). */
  stopAll(): void {
    for (const task of this.tasks.values()) this.stop(task.id);
  }
}
