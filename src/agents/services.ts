import type { CallScope, ToolServices } from "../agent/executor.ts";
import type { AgentSession } from "../agent/session.ts";
import type { AgentCapabilities, SideQuery, Skills, UserPrompts } from "../registry/agent-api.ts";
import { sideQuery } from "./side-query.ts";
import { TaskBoard } from "./tasks.ts";
import { SessionTodos } from "./todos.ts";

/**
 * What tools reach through `ctx.agent`, for one agent session (the main one or a sub-agent).
 * It reads the session live, so a changed model or provider (/model) applies at once.
 */
export class SessionServices implements ToolServices {
  readonly todos = new SessionTodos();
  /** The interactive user: set by the REPL; print mode and sub-agents have none. */
  user?: UserPrompts;
  /** The session's skills (src/skills/runtime.ts), bound to each call. */
  skills?: { forCall(call: CallScope): Skills };

  constructor(
    readonly session: AgentSession,
    /** Background work is shared by a session and all its sub-agents. */
    readonly tasks = new TaskBoard(),
    readonly depth = 0,
  ) {}

  forCall(call: CallScope): AgentCapabilities {
    const { provider } = this.session.deps;
    return {
      depth: this.depth,
      todos: this.todos,
      tasks: this.tasks,
      user: this.user,
      provider: { name: provider.name, webSearch: provider.name === "anthropic" },
      query: (request: SideQuery) => this.query(request, call),
      skills: this.skills?.forCall(call),
    };
  }

  private async query(request: SideQuery, call: CallScope) {
    const result = await sideQuery(this.session.deps.provider, this.session.config.model, request, call.signal);
    call.spent(result.model, result.usage);
    return { text: result.text, blocks: result.blocks, model: result.model };
  }
}
