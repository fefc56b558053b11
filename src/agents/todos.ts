import type { Todo, TodoList } from "../registry/agent-api.ts";

/**
 * The session's todo list. It lives beside the conversation, not in it, so compaction cannot lose
 * it; the REPL watches it through `onChange`. A list whose items are all completed is cleared, as
 * Claude Code does, so a finished plan does not linger on screen.
 */
export class SessionTodos implements TodoList {
  private list: readonly Todo[] = [];
  private readonly listeners = new Set<(items: readonly Todo[]) => void>();

  get items(): readonly Todo[] {
    return this.list;
  }

  set(items: readonly Todo[]): void {
    this.list = items.every((t) => t.status === "completed") ? [] : items.map((t) => ({ ...t }));
    for (const listener of this.listeners) listener(this.list);
  }

  /** Calls `listener` on every change; returns the function that unsubscribes it. */
  onChange(listener: (items: readonly Todo[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
