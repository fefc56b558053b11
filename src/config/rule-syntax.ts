// The syntax of a permission rule, shared by the settings schema (which reports a malformed rule
// with its file) and the permission engine (which gives rules their meaning).

const RULE = /^([A-Za-z0-9_-]+(?:__[A-Za-z0-9_.-]+)*)(?:\((.*)\))?$/s;

/** Claude Code's `mcp__server__*`: every tool of that server, the same as `mcp__server`. */
const MCP_SERVER_WILDCARD = /^(mcp__.+?)__\*$/;

/** Splits `Tool(specifier)`; returns an error message for text that is not a rule. */
export function parseRuleText(text: string): { tool: string; specifier?: string } | string {
  const server = MCP_SERVER_WILDCARD.exec(text.trim())?.[1];
  if (server && !server.slice(5).includes("__")) return { tool: server };
  const match = RULE.exec(text.trim());
  if (!match) return `"${text}" is not a permission rule (expected Tool or Tool(specifier))`;
  const specifier = match[2]?.trim();
  if (specifier === "") return `"${text}" has an empty specifier: write ${match[1]} to match every call`;
  return specifier === undefined || specifier === "*" ? { tool: match[1]! } : { tool: match[1]!, specifier };
}
