import { resultText, type ToolResultBlock } from "../model/messages.ts";

/** What PostToolUse hooks get as `tool_response`: Bash in Claude Code's shape, other tools their result. */
export function toolResponse(toolName: string, result: ToolResultBlock): unknown {
  const text = resultText(result);
  if (toolName === "Bash") return { stdout: text, stderr: "", interrupted: false, isImage: false, noOutputExpected: false };
  return result.is_error ? { error: text } : text;
}
