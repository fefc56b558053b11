import { splitList } from "../config/frontmatter.ts";
import { ConfigError } from "../model/select.ts";
import type { Registry } from "../registry/registry.ts";

/**
 * --tools, as Claude Code's: which built-in tools the session offers ("default" or absent: all;
 * "": none; else names, comma or space separated). MCP servers' and users' own tools are not
 * affected. Returns whether a tool is left out; an unknown name is a ConfigError.
 */
export function leftOutByToolsFlag(spec: string | undefined, registry: Registry): (name: string) => boolean {
  if (spec === undefined || spec.trim() === "default") return () => false;
  const builtin = new Set(registry.listTools({ withheld: true }).filter((t) => t.source === "builtin").map((t) => t.tool.name));
  const kept = new Set(splitList(spec));
  const unknown = [...kept].filter((name) => !builtin.has(name));
  if (unknown.length > 0) throw new ConfigError(`--tools: ${unknown.join(", ")} ${unknown.length > 1 ? "are not built-in tools" : "is not a built-in tool"} (they are: ${[...builtin].join(", ")})`);
  return (name) => builtin.has(name) && !kept.has(name);
}
