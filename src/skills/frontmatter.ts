import * as v from "valibot";
import { List, parseDocument as parseWith } from "../config/frontmatter.ts";
import type { Yaml } from "../config/yaml.ts";

/** The frontmatter of SKILL.md and of Markdown commands, as Claude Code documents it. */
export const Frontmatter = v.object({
  /** Shown beside the skill; its id is its folder's name (a command's, its file's), as in Claude Code. */
  name: v.optional(v.string("must be a string")),
  description: v.optional(v.string("must be a string")),
  "allowed-tools": v.optional(List),
  model: v.optional(v.string("must be a string")),
  context: v.optional(v.picklist(["inline", "fork"], "must be inline or fork")),
  /** With `context: fork`: the agent type its sub-agent runs as (its tools, prompt, model, effort). */
  agent: v.optional(v.string("must be a string")),
  "user-invocable": v.optional(v.boolean("must be true or false")),
  "disable-model-invocation": v.optional(v.boolean("must be true or false")),
  "argument-hint": v.optional(v.string("must be a string")),
  paths: v.optional(List),
});
export type Frontmatter = v.InferOutput<typeof Frontmatter>;

/** A skill's or Markdown command's frontmatter and body (see config/frontmatter.ts). */
export const parseDocument = (text: string, yaml: Yaml | undefined) => parseWith(text, Frontmatter, yaml);
