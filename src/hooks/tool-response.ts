import type { ToolResultBlock } from "../model/messages.ts";

/** What PostToolUse hooks get as `tool_response`: Bash in Claude Code's shape, other tools their result. */
export function toolResponse(toolName: string, result: ToolResultBlock): unknown {
  const text = typeof result.content === "string" ? result.content : result.content.map((b) => (b.type === "text" ? b.text : `[${b.type}]`)).join("\n");
  if (toolName === "Bash") return { stdout: text, stderr: "", interrupted: false, isImage: false, noOutputExpected: false };
  return result.is_error ? { error: text } : text;
}
