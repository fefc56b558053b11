import * as v from "valibot";
import { List } from "../config/frontmatter.ts";

/** An agent type the Agent tool can start: built-in, from an agents folder, or from --agents. */
export type AgentDefinition = {
  name: string;
  description: string;
  /** The sub-agent's system prompt. */
  prompt: string;
  /** Tool names it may use; undefined: every tool its parent has. */
  tools?: string[];
  disallowedTools?: string[];
  /** Restricted to read-only tools whatever `tools` says (Explore, Plan). */
  readOnly?: boolean;
  /** An alias or id; "small" is the small fast model; undefined (or "inherit") is the parent's. */
  model?: string;
  maxTurns?: number;
  /** How hard it thinks: its thinking budget (see effortThinking). */
  effort?: Effort;
  /** "built-in", "--agents", or the file it came from. */
  source: string;
};

const Name = v.pipe(v.string("must be a string"), v.regex(/^[A-Za-z0-9][A-Za-z0-9_:.-]{0,63}$/, "must be letters, digits, - _ : or . (at most 64)"));
const Model = v.pipe(
  v.string("must be a string"),
  v.transform((m) => (m === "inherit" ? undefined : m)),
);
/** Claude Code's effort levels. */
export const Effort = v.picklist(["low", "medium", "high", "xhigh", "max"], "must be low, medium, high, xhigh or max");
export type Effort = v.InferOutput<typeof Effort>;
const Turns = v.pipe(v.number("must be a number"), v.integer("must be a whole number"), v.minValue(1, "must be at least 1"));

/** The frontmatter of an agent file, as Claude Code documents it (fields we do not use are ignored). */
export const AgentFrontmatter = v.object({
  name: Name,
  description: v.string("must be a string"),
  tools: v.optional(List),
  disallowedTools: v.optional(List),
  model: v.optional(Model),
  maxTurns: v.optional(Turns),
  effort: v.optional(Effort),
});

/** One entry of `--agents '{"name": {...}}'`. */
export const CliAgent = v.object({
  description: v.string("must be a string"),
  prompt: v.string("must be a string"),
  tools: v.optional(List),
  disallowedTools: v.optional(List),
  model: v.optional(Model),
  maxTurns: v.optional(Turns),
  effort: v.optional(Effort),
});
export const CliAgents = v.record(Name, CliAgent);

/** A tool list entry such as `Agent(Explore)` or `Task(reviewer)` names the Agent tool. */
export function toolName(entry: string): string {
  const name = entry.replace(/\(.*\)$/, "").trim();
  return name === "Task" ? "Agent" : name;
}
