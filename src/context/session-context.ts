import type { AssistantBlock, Message, ToolResultBlock } from "../model/messages.ts";
import { modelInfo } from "../model/models.ts";
import type { SystemBlock, ToolSpec } from "../model/provider.ts";
import type { SessionMemory } from "./session-memory.ts";
import { TokenMeter, tokensOf } from "./tokens.ts";

/** The PreCompact hook: may add instructions for the summary, or refuse the compaction. */
export type PreCompactHook = (input: { trigger: "auto" | "manual"; customInstructions: string }) => Promise<{ instructions?: string; block?: string } | undefined>;

export type ContextSettings = {
  /** Compact automatically when the conversation nears the window (default true). */
  autoCompact: boolean;
  /** Overrides the model's context window (NANOCODE_AUTO_COMPACT_WINDOW), e.g. to compact early. */
  window?: number;
  /** Seam for the hook runner (issue 4): called before every compaction. */
  preCompact?: PreCompactHook;
  /** After a compaction, PostCompact hooks see its summary, and SessionStart hooks (source "compact") say again what it dropped: their texts join it. */
  afterCompact?: (input: { trigger: "auto" | "manual"; summary: string }) => Promise<string[]>;
};

/**
 * The context state of one session: its memory, the token meter, and the limits that decide when
 * to compact. The agent loop consults it around each request (src/agent/compaction.ts acts on it);
 * the loop works without one (tests, side queries).
 */
export class SessionContext {
  readonly meter = new TokenMeter();
  /** The estimated size right after the last compaction. */
  compactedTo?: number;
  private fixed?: { key: unknown[]; tokens: number };

  constructor(
    readonly memory: SessionMemory,
    readonly settings: ContextSettings = { autoCompact: true },
  ) {}

  /** A context for a sub-agent: the same settings and memory files, its own meter and attachments. */
  fork(): SessionContext {
    return new SessionContext(this.memory.fork(), this.settings);
  }

  window(model: string): number {
    return this.settings.window ?? modelInfo(model).contextWindow;
  }

  /**
   * Where auto-compaction starts: the window, less room for the answer and a safety margin (both
   * scaled down for small windows).
   */
  threshold(model: string, maxTokens: number): number {
    const window = this.window(model);
    return window - Math.min(maxTokens, 20_000, Math.floor(window / 4)) - Math.min(13_000, Math.floor(window / 10));
  }

  /** Estimated tokens of a request with these parts. */
  estimate(messages: readonly Message[], system: readonly SystemBlock[], tools: readonly ToolSpec[]): number {
    if (this.fixed?.key[0] !== system || this.fixed.key[1] !== tools) {
      this.fixed = { key: [system, tools], tokens: tokensOf(JSON.stringify(system)) + tokensOf(JSON.stringify(tools)) };
    }
    return this.meter.estimate(messages, this.fixed.tokens);
  }

  /** Tool results with the memory files their calls brought in attached. */
  annotate(calls: AssistantBlock[], results: ToolResultBlock[], cwd: string): Promise<ToolResultBlock[]> {
    return this.memory.annotate(calls, results, cwd);
  }
}
