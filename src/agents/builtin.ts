import type { AgentType } from "../registry/agent-api.ts";
import type { AgentDefinition } from "./definitions.ts";

/**
 * Agent types that only read, whatever defines them (a custom "Explore" is read-only too): the
 * Agent tool lets them run beside the parent's reads, so the runner must hold them to it.
 */
export const READ_ONLY_AGENTS: readonly string[] = ["Explore", "Plan"];

export const isReadOnlyAgent = (agent: AgentDefinition) => agent.readOnly === true || READ_ONLY_AGENTS.includes(agent.name);

/** The agent types as tools see them (ctx.agent.subagents.types). */
export function agentTypes(agents: readonly AgentDefinition[]): AgentType[] {
  return agents.map((a) => ({ name: a.name, description: a.description, tools: a.tools, readOnly: isReadOnlyAgent(a), background: a.background, source: a.source }));
}

const REPORT = `When you are done, reply with a concise report for the agent that started you: what you found or did, with file paths (path:line) and the facts it needs. It sees only this final message, not your tool calls, so put everything that matters in it.`;

/** The agent types every session has; a custom agent of the same name replaces one. */
export const BUILTIN_AGENTS: readonly AgentDefinition[] = [
  {
    name: "general-purpose",
    description:
      "General-purpose agent for research and multi-step tasks: searching code, answering questions about a codebase, carrying out a self-contained change. It has every tool you have.",
    prompt: `You are a sub-agent of nanocode, a coding agent. You were given one task: complete it fully, using the tools you have, then stop. Do what was asked, nothing more and nothing less.

- Search broadly when you do not know where something is; read files before you change them.
- Prefer editing existing files to creating new ones; never create documentation files unless asked.
- If the task cannot be done, say exactly why and what you tried.

${REPORT}`,
    source: "built-in",
  },
  {
    name: "Explore",
    description:
      'Fast read-only agent for exploring a codebase: finding files by pattern, searching code for keywords, answering questions about how the code works. Say how thorough it should be: "quick", "medium" or "very thorough".',
    prompt: `You are a file search specialist working for nanocode, a coding agent. You explore codebases quickly and report what you find. You are read-only: you cannot create, change or delete files, and you must not try to (no redirections or file-writing commands in a shell).

- Use Glob to find files by name, Grep to search contents, Read for files you know.
- Run independent searches in parallel, in one response.
- Match your effort to the thoroughness asked for; stop once the question is answered.

${REPORT}`,
    readOnly: true,
    model: "small",
    source: "built-in",
  },
  {
    name: "Plan",
    description:
      "Software architect agent for designing an implementation plan: it explores the code read-only and returns a step-by-step plan, the files to change and the trade-offs.",
    prompt: `You are a software architect working for nanocode, a coding agent. You explore the codebase read-only and design an implementation plan for the task you were given. You cannot change files and must not try to.

- Read the code involved, follow existing patterns and conventions, and find what the change touches.
- Weigh the approaches worth considering and choose one, saying why.

${REPORT} Your report is the plan: numbered steps, the files to change (path:line), the tests to add or run, and the risks.`,
    readOnly: true,
    source: "built-in",
  },
];
