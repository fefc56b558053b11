// Claude Code's `subagent_stats` of a result: the sub-agents the turn started, by type, and how
// their Agent calls ended. nanocode's sub-agents start no sub-agents of their own in the main
// session's stream, so the depth is 1 at most; none is ever refused or killed by a limit.

type Stats = {
  spawned: number;
  requested: { background: number; foreground: number; unset: number };
  started_in_background: number;
  max_depth: number;
  spawned_by_subagents: number;
  completed: number;
  failed: number;
  killed: { parent: number; user: number; system: number };
  refused: { depth_limit: number; concurrency_limit: number; budget: number };
  by_type: Record<string, number>;
};

export class SubagentStats {
  private stats = SubagentStats.empty();
  /** The Agent calls of this turn's sub-agents, by tool call id. */
  private readonly calls = new Set<string>();

  static empty(): Stats {
    return {
      spawned: 0,
      requested: { background: 0, foreground: 0, unset: 0 },
      started_in_background: 0,
      max_depth: 0,
      spawned_by_subagents: 0,
      completed: 0,
      failed: 0,
      killed: { parent: 0, user: 0, system: 0 },
      refused: { depth_limit: 0, concurrency_limit: 0, budget: 0 },
      by_type: {},
    };
  }

  reset(): void {
    this.stats = SubagentStats.empty();
    this.calls.clear();
  }

  /** A sub-agent's first step: `background` when its Agent call asked to run in the background. */
  started(toolUseId: string, agentType: string, background: boolean): void {
    this.calls.add(toolUseId);
    const s = this.stats;
    s.spawned++;
    s.max_depth = 1;
    s.requested[background ? "background" : "foreground"]++;
    if (background) s.started_in_background++;
    s.by_type[agentType] = (s.by_type[agentType] ?? 0) + 1;
  }

  /** A tool result came back: for a sub-agent's Agent call, how it ended. */
  answered(toolUseId: string, isError: boolean): void {
    if (!this.calls.delete(toolUseId)) return;
    this.stats[isError ? "failed" : "completed"]++;
  }

  current(): Stats {
    return structuredClone(this.stats);
  }
}
