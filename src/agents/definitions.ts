import * as v from "valibot";
import { List } from "../config/frontmatter.ts";
import { currentToolName } from "../config/tool-names.ts";
import { PERMISSION_MODES } from "../permissions/gate.ts";

/** Claude Code takes any name (spaces too): it is what the Agent call's subagent_type says. */
const Name = v.pipe(v.string("must be a string"), v.trim(), v.nonEmpty("must not be empty"));
/** Claude Code's effort levels. */
export const Effort = v.picklist(["low", "medium", "high", "xhigh", "max"], "must be low, medium, high, xhigh or max");
export type Effort = v.InferOutput<typeof Effort>;

/**
 * Claude Code's `auto` mode has a classifier nanocode does not: an agent asking for it runs in its
 * parent's mode, as Claude Code's does under an `auto` parent.
 */
const PermissionModeField = v.pipe(
  v.picklist([...PERMISSION_MODES, "auto"], `must be one of ${PERMISSION_MODES.join(", ")} or auto`),
  v.transform((mode) => (mode === "auto" ? undefined : mode)),
);

/**
 * What agent files and --agents say alike, as Claude Code documents them. Its other documented
 * fields (mcpServers, hooks, memory, isolation, color, initialPrompt) are accepted
 * and ignored: see README, "Sub-agents".
 */
const Shared = {
  /** Tool names it may use; undefined: every tool its parent has. */
  tools: v.optional(List),
  disallowedTools: v.optional(List),
  /** An alias or id; "small" is the small fast model; undefined (or "inherit") is the parent's. */
  model: v.optional(v.pipe(v.string("must be a string"), v.transform((m) => (m === "inherit" ? undefined : m)))),
  maxTurns: v.optional(v.pipe(v.number("must be a number"), v.integer("must be a whole number"), v.minValue(1, "must be at least 1"))),
  /** How hard it thinks: its thinking budget (see effortThinking). */
  effort: v.optional(Effort),
  /** Its mode, within what its parent's allows (see subagentGate). */
  permissionMode: v.optional(PermissionModeField),
  /** Skills whose full text it gets at start (it has no Skill tool). */
  skills: v.optional(List),
  /** Always started in the background, as if the Agent call said run_in_background. */
  background: v.optional(v.boolean("must be true or false")),
};

/** The frontmatter of an agent file; its body is the prompt. */
export const AgentFrontmatter = v.object({ name: Name, description: v.string("must be a string"), ...Shared });

/** One entry of `--agents '{"name": {...}}'`. */
const CliAgent = v.object({
  description: v.string("must be a string"),
  /** The sub-agent's system prompt. */
  prompt: v.string("must be a string"),
  ...Shared,
});
export const CliAgents = v.record(Name, CliAgent);

/** An agent type the Agent tool can start: built-in, from an agents folder, or from --agents. */
export type AgentDefinition = v.InferOutput<typeof CliAgent> & {
  name: string;
  /** Restricted to read-only tools whatever `tools` says (Explore, Plan). */
  readOnly?: boolean;
  /** "built-in", "--agents", or the file it came from. */
  source: string;
};

/** The tool a `tools:` entry names: `Agent(Explore)` and `Task(reviewer)` the Agent tool, `KillShell` TaskStop. */
export function toolName(entry: string): string {
  const name = entry.replace(/\(.*\)$/, "").trim();
  return currentToolName(name);
}
