import type { AssistantBlock, ToolResultBlock } from "../model/messages.ts";
import type { SessionMemory } from "./session-memory.ts";

/**
 * What the agent loop asks of the context layer during a run: memory that tool calls bring in.
 * One per session; the loop works without one (tests, sub-agents).
 */
export class SessionContext {
  constructor(readonly memory: SessionMemory) {}

  /** Tool results with the memory files their calls brought in attached. */
  annotate(calls: AssistantBlock[], results: ToolResultBlock[], cwd: string): Promise<ToolResultBlock[]> {
    return this.memory.annotate(calls, results, cwd);
  }
}
