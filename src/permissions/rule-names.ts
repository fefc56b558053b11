// Tool names in permission rules are case-sensitive: `bash(rm:*)` matches no call, so a deny rule
// written that way protects nothing, in silence. Each rule that names no tool is one line; a deny
// or ask rule that differs from a tool's name only in case applies to that tool (the safe reading
// of what the user plainly meant), an allow rule does not (it would allow what was not written).

import { CLAUDE_CODE_ONLY_TOOLS, currentToolName } from "../config/tool-names.ts";
import { nearestName } from "../fs/near-names.ts";
import { EDIT_TOOLS, READ_TOOLS, type Rule } from "./rules.ts";

/** Names a rule may use besides the session's tools: the file tools Edit and Read rules cover. */
const RULE_NAMES = [...EDIT_TOOLS, ...READ_TOOLS];

/** Where a rule was written, for the line about it: `file: permissions.deny`, or the flag. */
const origin = (rule: Rule) => (rule.source.startsWith("--") ? rule.source : `${rule.source}: permissions.${rule.behavior}`);

/**
 * `rule` as it applies given the session's `tools`, and the line to show when its tool name is
 * not one of them (MCP tools, `mcp__…`, are known only once their servers answer: always taken).
 */
export function checkRuleName(rule: Rule, tools: readonly string[]): { rule: Rule; warning?: string } {
  // Written for Claude Code: an older name is today's tool (`KillShell` is TaskStop), one of its tools nanocode lacks matches nothing, both in silence.
  const current = currentToolName(rule.tool);
  if (current !== rule.tool) return { rule: { ...rule, tool: current, text: `${current}${rule.text.trim().slice(rule.tool.length)}` } };
  const known = [...tools, ...RULE_NAMES, ...CLAUDE_CODE_ONLY_TOOLS];
  if (rule.tool.startsWith("mcp__") || known.includes(rule.tool)) return { rule };
  const meant = nearestName(rule.tool, known);
  const written = `"${rule.text}" names no tool "${rule.tool}"`;
  if (!meant) return { rule, warning: `${origin(rule)}: ${written}, so it matches nothing` };
  const fixed = `${meant}${rule.text.trim().slice(rule.tool.length)}`;
  if (meant.toLowerCase() !== rule.tool.toLowerCase()) return { rule, warning: `${origin(rule)}: ${written} (did you mean "${fixed}"?), so it matches nothing` };
  if (rule.behavior === "allow") return { rule, warning: `${origin(rule)}: ${written} (tool names are case-sensitive: did you mean "${fixed}"?); this allow rule is not applied` };
  return { rule: { ...rule, tool: meant, text: fixed }, warning: `${origin(rule)}: ${written} (tool names are case-sensitive); it is applied as "${fixed}", the tool it means` };
}
