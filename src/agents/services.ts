import type { CallScope, ToolServices } from "../agent/executor.ts";
import type { AgentSession } from "../agent/session.ts";
import type { Usage } from "../model/messages.ts";
import type { AgentCapabilities, PermissionModes, SideQuery, UserPrompts } from "../registry/agent-api.ts";
import type { SkillRuntime } from "../skills/runtime.ts";
import type { LoadedSettings } from "../config/settings.ts";
import type { LspManager } from "../lsp/manager.ts";
import { BUILTIN_AGENTS } from "./builtin.ts";
import type { AgentDefinition } from "./definitions.ts";
import { agentListing, withAgentListing } from "./listing.ts";
import type { LoadedAgents } from "./load.ts";
import { MAX_DEPTH, SubagentRunner } from "./runner.ts";
import { sideQuery } from "./side-query.ts";
import { TaskBoard } from "./tasks.ts";
import { SessionTodos } from "./todos.ts";

export type ServicesOptions = {
  /** The agent types sub-agents can be started as (default: the built-ins). */
  agents?: readonly AgentDefinition[];
  /** Reads the agent types again from their files (the main session's /agents). */
  loadAgents?: () => Promise<LoadedAgents>;
  /** Background work, shared by a session and all its sub-agents. */
  tasks?: TaskBoard;
  /** 0 for the main agent. */
  depth?: number;
  skills?: SessionSkills;
};

/** The session's skills (src/skills/runtime.ts): the Skill tool's, bound to each call, and the ones agent types preload. */
type SessionSkills = Pick<SkillRuntime, "forCall" | "preload">;

/**
 * What tools reach through `ctx.agent`, for one agent session (the main one or a sub-agent).
 * It reads the session live, so a changed model or provider (/model) applies at once.
 */
export class SessionServices implements ToolServices {
  readonly todos = new SessionTodos();
  agents: readonly AgentDefinition[];
  readonly tasks: TaskBoard;
  readonly depth: number;
  /** The interactive user: set by the REPL; print mode and sub-agents have none. */
  user?: UserPrompts;
  /** The permission mode: set for the main session; sub-agents have none. */
  modes?: PermissionModes;
  skills?: SessionSkills;
  /** The project's language servers, shared with sub-agents. */
  code?: LspManager;
  /** Reads the session's settings again, from the sources it started with (the main session's /config, /permissions). */
  readSettings?: () => LoadedSettings;

  constructor(
    readonly session: AgentSession,
    options: ServicesOptions = {},
  ) {
    this.agents = options.agents ?? BUILTIN_AGENTS;
    this.loadAgents = options.loadAgents;
    this.tasks = options.tasks ?? new TaskBoard();
    this.depth = options.depth ?? 0;
    this.skills = options.skills;
  }

  private readonly loadAgents?: () => Promise<LoadedAgents>;

  /**
   * Reads the agent files again, as Claude Code's /agents does: files added or changed during the
   * session count from the next Agent call on. The listing in the system prompt is rewritten only
   * when it changed (that one request misses the prompt cache). Returns the files' problems.
   */
  async reloadAgents(): Promise<string[]> {
    if (!this.loadAgents) return [];
    const { agents, problems } = await this.loadAgents();
    this.agents = agents;
    const { config, deps } = this.session;
    const system = withAgentListing(config.system, agentListing(deps.registry, agents));
    if (system !== config.system) this.session.config = { ...config, system };
    return problems;
  }

  /** Background sub-agents' steps, for the main session to pass on (a sub-agent's session passes none: they would arrive twice). */
  get background() {
    return this.depth === 0 ? this.tasks.feed : undefined;
  }

  forCall(call: CallScope): AgentCapabilities {
    const { provider } = this.session.deps;
    return {
      depth: this.depth,
      todos: this.todos,
      tasks: this.tasks,
      user: this.user,
      modes: this.modes,
      subagents: this.depth < MAX_DEPTH ? new SubagentRunner(this, call) : undefined,
      provider: { name: provider.name, webSearch: provider.name === "anthropic" },
      query: (request: SideQuery) => this.query(request, call),
      skills: this.skills?.forCall(call),
      code: this.code,
    };
  }

  /**
   * The services of a sub-agent of this session: its own todo list, no user, one level deeper. The
   * skills go along for the agent types it starts to preload; it has no Skill tool to run them.
   */
  child(session: AgentSession, depth: number): SessionServices {
    const child = new SessionServices(session, { agents: this.agents, tasks: this.tasks, depth, skills: this.skills });
    child.code = this.code;
    return child;
  }

  /** Usage of work no run is waiting for (a background sub-agent): into the session's totals and file. */
  spentInBackground(model: string, usage: Usage): void {
    const event = { type: "usage" as const, model, usage };
    this.session.cost.observe(event);
    try {
      this.session.store?.append(event);
    } catch {
      // A session file that cannot be written is reported by the session's own next write.
    }
  }

  private async query(request: SideQuery, call: CallScope) {
    const result = await sideQuery(this.session.deps.provider, this.session.config.model, request, call.signal, this.session.config.retry);
    call.spent(result.model, result.usage);
    return { text: result.text, blocks: result.blocks, model: result.model };
  }
}
