import { defineTool, READ_ONLY_AGENTS, v } from "nanocode";

const Input = v.object({
  description: v.pipe(v.string(), v.description("A short (3-5 words) description of the task")),
  prompt: v.pipe(v.string(), v.minLength(1), v.description("The task for the agent, with everything it needs to know: it sees none of your conversation")),
  subagent_type: v.optional(v.pipe(v.string(), v.description("The agent type to use (default general-purpose); the types are listed in the system prompt"))),
  model: v.optional(v.pipe(v.picklist(["sonnet", "opus", "haiku", "fable"]), v.description("A model for this agent instead of its type's"))),
  // Claude Code's fields: effort sets the agent's thinking budget, isolation is refused with a reason.
  effort: v.optional(v.pipe(v.picklist(["low", "medium", "high", "xhigh", "max"]), v.description("How hard the agent thinks (instead of its type's effort)"))),
  run_in_background: v.optional(v.pipe(v.boolean(), v.description("Return at once and let the agent work while you go on; collect its report with TaskOutput"))),
  isolation: v.optional(v.picklist(["worktree", "remote"])),
});

export default defineTool({
  name: "Agent",
  description: `Start a sub-agent: a fresh instance of the model, with its own context and tools, that works on one task on its own and returns only its final report. Use it to keep your own context small: open-ended searches across a codebase (Explore), designing a plan (Plan), or self-contained multi-step work (general-purpose). The agent types are listed in the system prompt under "Sub-agents".
- Start several agents in one response to have them work in parallel.
- The agent sees none of your conversation: the prompt must carry the goal, the relevant paths and facts, and what to report back. Say whether it should only research or also change code.
- Its report is for you, not the user: tell the user what matters in your own answer.
- Trust its report, but verify changes it says it made when that matters.`,
  input: Input,
  // Starting an agent changes nothing by itself: every call of its sub-agent passes the permission gate.
  readOnly: true,
  // Agents run side by side; one that may write runs apart from every other tool call.
  concurrency: ({ subagent_type }) => ({ exclusive: !READ_ONLY_AGENTS.includes(subagent_type ?? "general-purpose"), group: "Agent" }),
  async run(input, ctx) {
    const subagents = ctx.agent?.subagents;
    if (!subagents) return { content: "Agents cannot be started here: the sub-agent depth limit is reached. Do the work yourself with your own tools.", isError: true };
    if (input.isolation) return { content: `isolation "${input.isolation}" is not supported by nanocode: start the agent without it.`, isError: true };
    const request = { type: input.subagent_type, description: input.description, prompt: input.prompt, model: input.model, effort: input.effort };
    // An agent type defined with `background: true` always runs there.
    if (input.run_in_background || subagents.types.find((t) => t.name === (input.subagent_type ?? "general-purpose"))?.background) {
      const task = subagents.start(request);
      return `Async agent launched successfully.\ntask_id: ${task.id}\nThe agent is working in the background: go on with other work. You will be told when it finishes, with its report; TaskOutput (task_id "${task.id}") reads it earlier, or waits for it with block: true.`;
    }
    const result = await subagents.run(request);
    return { content: result.text, isError: result.isError };
  },
});
