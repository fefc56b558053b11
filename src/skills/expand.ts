/** Splits arguments the way a shell would: spaces separate, quotes group and are removed. */
export function splitArgs(args: string): string[] {
  const words: string[] = [];
  const pattern = /"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g;
  for (const match of args.matchAll(pattern)) words.push(match[1]?.replace(/\\(.)/g, "$1") ?? match[2] ?? match[3]!);
  return words;
}

export type Variables = { sessionId: string; skillDir?: string };

// $ARGUMENTS[n] and $n count from zero, as Claude Code does; ${CLAUDE_*} names work too.
const PLACEHOLDER = /\$ARGUMENTS\[(\d+)\]|\$ARGUMENTS\b|\$(\d+)|\$\{(?:CLAUDE|NANOCODE)_(SESSION_ID|SKILL_DIR)\}/g;

/**
 * Fills the placeholders of a template in one pass, so text that comes in through the arguments
 * is never expanded again. A positional argument that was not given stays as written (`$2`).
 */
export function fillPlaceholders(template: string, args: string, vars: Variables): string {
  const words = splitArgs(args);
  return template.replace(PLACEHOLDER, (whole, indexed?: string, positional?: string, variable?: string) => {
    if (variable === "SESSION_ID") return vars.sessionId;
    if (variable === "SKILL_DIR") return vars.skillDir ?? whole;
    const index = indexed ?? positional;
    if (index === undefined) return args;
    return words[Number(index)] ?? whole;
  });
}

/** True when the template uses its arguments somewhere; otherwise they are appended (Claude Code does the same). */
export const usesArguments = (template: string) => /\$ARGUMENTS\b|\$\d/.test(template);

const SHELL = /!`([^`\n]+)`/g;

/**
 * Renders a template: placeholders filled, and each !`command` of the template replaced by the
 * command's output. Only commands written in the template run: a !`…` that arrives inside the
 * arguments is left as text.
 */
export async function renderTemplate(template: string, args: string, vars: Variables, shell: (command: string) => Promise<string>): Promise<string> {
  let out = "";
  let last = 0;
  for (const match of template.matchAll(SHELL)) {
    out += fillPlaceholders(template.slice(last, match.index), args, vars);
    out += await shell(fillPlaceholders(match[1]!, args, vars));
    last = match.index + match[0].length;
  }
  out += fillPlaceholders(template.slice(last), args, vars);
  if (args.trim() && !usesArguments(template)) out = `${out.replace(/\n*$/, "")}\n\nARGUMENTS: ${args}\n`;
  return out;
}
