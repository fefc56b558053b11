import * as v from "valibot";
import { List, parseDocument as parseWith } from "../config/frontmatter.ts";

/** The frontmatter of SKILL.md and of Markdown commands, as Claude Code documents it. */
export const Frontmatter = v.object({
  name: v.optional(v.pipe(v.string("must be a string"), v.regex(/^[a-z0-9][a-z0-9_:.-]{0,63}$/i, "must be letters, digits, - _ : or . (at most 64)"))),
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
export const parseDocument = (text: string, yaml: { parse(text: string): unknown } | undefined) => parseWith(text, Frontmatter, yaml);
