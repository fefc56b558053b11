import type { Message, UserMessage } from "../model/messages.ts";
import type { AgentEvent, Outcome } from "./events.ts";
import type { ToolEnvironment } from "./executor.ts";
import { type AgentConfig, type AgentDeps, runAgent } from "./loop.ts";

export type SessionConfig = Omit<AgentConfig, "env" | "signal">;

/**
 * One conversation: its messages and tool environment outlive each prompt. The REPL, print mode
 * and the SDK all drive the agent through this. `deps` and `config` may change between prompts
 * (`/model`, a new permission mode).
 */
export class AgentSession {
  readonly messages: Message[] = [];

  constructor(
    public deps: AgentDeps,
    public config: SessionConfig,
    readonly env: ToolEnvironment,
  ) {}

  get id(): string {
    return this.env.sessionId;
  }

  send(prompt: string | UserMessage, signal: AbortSignal): AsyncGenerator<AgentEvent, Outcome> {
    const message: UserMessage = typeof prompt === "string" ? { role: "user", content: prompt } : prompt;
    return runAgent(this.deps, { ...this.config, env: this.env, signal }, this.messages, message);
  }
}
