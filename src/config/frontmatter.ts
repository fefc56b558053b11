import * as v from "valibot";
import type { Yaml } from "./yaml.ts";

/** A list given as a YAML list or as one string: "Read, Grep" or "Bash(git diff:*) Read". */
export const List = v.pipe(
  v.union([v.string(), v.array(v.string())], "must be a string or a list of strings"),
  v.transform((x) => (Array.isArray(x) ? x : splitList(x))),
);

/** Splits "a, b c" into items, keeping commas and spaces inside parentheses and braces: "Bash(git log:*), Read", "src/*.{ts,tsx}". */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (const c of text) {
    if (c === "(" || c === "{") depth++;
    if (c === ")" || c === "}") depth = Math.max(0, depth - 1);
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

/** A top-level `key: rest of line`: what Claude Code reads when a block is not strict YAML. */
const LINE = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]+(\S.*?)[ \t]*$/;

/** Each top-level key's text as written on its line (`argument-hint: [a] [b]` is "[a] [b]"). */
function rawValues(block: string): Map<string, string> {
  const raw = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const match = LINE.exec(line);
    if (match) raw.set(match[1]!, match[2]!);
  }
  return raw;
}

/** A string that spells a number or true/false, as that value; anything else, undefined. */
function scalar(value: unknown): number | boolean | undefined {
  if (typeof value !== "string") return undefined;
  if (value === "true" || value === "false") return value === "true";
  return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : undefined;
}

/**
 * Reads a frontmatter block as Claude Code does: strict YAML first; failing that, the same block
 * with each line YAML cannot take alone (`description: Triggers on: 'x'`) quoted as one string;
 * failing that too, every `key: rest of line` as that key's string.
 */
function readBlock(block: string, yaml: Yaml, raw: Map<string, string>): unknown {
  try {
    return yaml.parse(block);
  } catch {
    const quoted = block.split(/\r?\n/).map((line) => {
      const match = LINE.exec(line);
      if (!match || /^["']/.test(match[2]!)) return line;
      try {
        yaml.parse(line);
        return line;
      } catch {
        return `${match[1]}: ${JSON.stringify(match[2])}`;
      }
    });
    try {
      return yaml.parse(quoted.join("\n"));
    } catch {
      return raw.size ? Object.fromEntries(raw) : undefined;
    }
  }
}

/**
 * Splits `---\nyaml\n---\nbody` (agents, skills, commands, rules) and validates the block field
 * by field against `schema`. What Claude Code accepts is accepted without a word: loose YAML (see
 * readBlock), an empty field (left out), a list or `{{placeholder}}` where a string is meant (the
 * text as written on its line). A field no reading makes valid is reported and left out, the rest
 * is kept; fields the schema does not know are ignored (they may be another tool's). `yaml` is
 * passed in so callers load it only when a file has frontmatter (see loadYaml).
 */
export function parseDocument<S extends ObjectSchema>(text: string, schema: S, yaml: Yaml | undefined): ParsedDocument<S> {
  const match = FENCE.exec(text);
  if (!match) return { frontmatter: {}, body: text, problems: [] };
  const body = text.slice(match[0].length);
  const raw = rawValues(match[1]!);
  const data = readBlock(match[1]!, yaml!, raw);
  if (data === null || data === undefined) return { frontmatter: {}, body, problems: [] };
  if (typeof data !== "object" || Array.isArray(data)) return { frontmatter: {}, body, problems: ["the frontmatter must be a YAML mapping (key: value lines)"] };
  const frontmatter: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    const field = schema.entries[key];
    if (!field || value === null || value === "") continue;
    const checked = v.safeParse(field, value);
    // The value as YAML read it, else the text on its line, else a quoted "5" or "true" as the number or yes/no it says.
    const other = checked.success ? undefined : [raw.get(key), scalar(value)].filter((x) => x !== undefined).map((x) => v.safeParse(field, x)).find((r) => r.success);
    if (checked.success) frontmatter[key] = checked.output;
    else if (other?.success) frontmatter[key] = other.output;
    else problems.push(`frontmatter field "${key}" ${checked.issues[0].message}; that field is ignored`);
  }
  return { frontmatter: frontmatter as Partial<v.InferOutput<S>>, body, problems };
}
