import * as v from "valibot";

/** A list given as YAML list or as one string ("Read, Grep" or "Bash(git diff:*) Read"). */
const List = v.pipe(
  v.union([v.string(), v.array(v.string())], "must be a string or a list of strings"),
  v.transform((x) => (Array.isArray(x) ? x : splitList(x))),
);

/** The frontmatter of SKILL.md and of Markdown commands, as Claude Code documents it. */
export const Frontmatter = v.object({
  name: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_:.-]{0,63}$/i, "must be letters, digits, - _ : or . (at most 64)"))),
  description: v.optional(v.string("must be a string")),
  "allowed-tools": v.optional(List),
  model: v.optional(v.string("must be a string")),
  context: v.optional(v.picklist(["inline", "fork"], "must be inline or fork")),
  "user-invocable": v.optional(v.boolean("must be true or false")),
  "disable-model-invocation": v.optional(v.boolean("must be true or false")),
  "argument-hint": v.optional(v.string("must be a string")),
  paths: v.optional(List),
});
export type Frontmatter = v.InferOutput<typeof Frontmatter>;

/** Splits "a, b c" into items, keeping commas and spaces inside parentheses: "Bash(git log:*), Read". */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (const c of text) {
    if (c === "(") depth++;
    if (c === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && (c === "," || /\s/.test(c))) {
      if (current) items.push(current);
      current = "";
    } else current += c;
  }
  if (current) items.push(current);
  return items;
}

export type ParsedDocument = { frontmatter: Frontmatter; body: string; problems: string[] };

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Splits `---\nyaml\n---\nbody` and validates the YAML field by field: a bad field is reported
 * and left out, the rest is kept. `yaml` is passed in so callers import it only when a file has
 * frontmatter (it costs ~20 ms to load).
 */
export function parseDocument(text: string, yaml: { parse(text: string): unknown } | undefined): ParsedDocument {
  const match = FENCE.exec(text);
  if (!match) return { frontmatter: {}, body: text, problems: [] };
  const body = text.slice(match[0].length);
  let data: unknown;
  try {
    data = yaml!.parse(match[1]!);
  } catch (error) {
    return { frontmatter: {}, body, problems: [`invalid YAML frontmatter: ${(error as Error).message.split("\n")[0]}`] };
  }
  if (data === null || data === undefined) return { frontmatter: {}, body, problems: [] };
  if (typeof data !== "object" || Array.isArray(data)) return { frontmatter: {}, body, problems: ["the frontmatter must be a YAML mapping (key: value lines)"] };
  const frontmatter: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    const schema = Frontmatter.entries[key as keyof typeof Frontmatter.entries];
    if (!schema) continue; // other tools' fields (e.g. Claude Code's `agent`, `hooks`) are not ours to judge
    const checked = v.safeParse(schema, value);
    if (checked.success) frontmatter[key] = checked.output;
    else problems.push(`frontmatter field "${key}" ${checked.issues[0].message}; that field is ignored`);
  }
  return { frontmatter: frontmatter as Frontmatter, body, problems };
}

/** True when the text starts with a frontmatter block, i.e. when `yaml` is needed to read it. */
export const hasFrontmatter = (text: string) => FENCE.test(text);
