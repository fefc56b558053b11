import * as v from "valibot";

/** A list given as a YAML list or as one string: "Read, Grep" or "Bash(git diff:*) Read". */
export const List = v.pipe(
  v.union([v.string(), v.array(v.string())], "must be a string or a list of strings"),
  v.transform((x) => (Array.isArray(x) ? x : splitList(x))),
);

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

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** True when the text starts with a frontmatter block, i.e. when `yaml` is needed to read it. */
export const hasFrontmatter = (text: string) => FENCE.test(text);

type ObjectSchema = v.ObjectSchema<v.ObjectEntries, v.ErrorMessage<v.ObjectIssue> | undefined>;

export type ParsedDocument<S extends ObjectSchema> = { frontmatter: Partial<v.InferOutput<S>>; body: string; problems: string[] };

/**
 * Splits `---\nyaml\n---\nbody` (agents, skills, commands) and validates the YAML field by field
 * against `schema`: a bad field is reported and left out, the rest is kept; fields the schema does
 * not know are ignored (they may be another tool's). `yaml` is passed in so callers import it only
 * when a file has frontmatter: it costs ~20 ms to load.
 */
export function parseDocument<S extends ObjectSchema>(text: string, schema: S, yaml: { parse(text: string): unknown } | undefined): ParsedDocument<S> {
  const match = FENCE.exec(text);
  if (!match) return { frontmatter: {}, body: text, problems: [] };
  const body = text.slice(match[0].length);
  let data: unknown;
  try {
    data = yaml!.parse(match[1]!);
  } catch (error) {
    return { frontmatter: {}, body, problems: [`invalid YAML frontmatter: ${(error as Error).message.split("\n")[0]!.replace(/:$/, "")}`] };
  }
  if (data === null || data === undefined) return { frontmatter: {}, body, problems: [] };
  if (typeof data !== "object" || Array.isArray(data)) return { frontmatter: {}, body, problems: ["the frontmatter must be a YAML mapping (key: value lines)"] };
  const frontmatter: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    const field = schema.entries[key];
    if (!field) continue;
    const checked = v.safeParse(field, value);
    if (checked.success) frontmatter[key] = checked.output;
    else problems.push(`frontmatter field "${key}" ${checked.issues[0].message}; that field is ignored`);
  }
  return { frontmatter: frontmatter as Partial<v.InferOutput<S>>, body, problems };
}
