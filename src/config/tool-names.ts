// Tool names as setups written for Claude Code use them, in an agent's `tools:` and in permission rules.

/** Tools' earlier names, which Claude Code still reads as today's tools. */
const FORMER_NAMES: Record<string, string> = { Task: "Agent", KillShell: "TaskStop", BashOutput: "TaskOutput", AgentOutputTool: "TaskOutput" };

/** Today's name of a tool named the way an older Claude Code named it (`KillShell` is TaskStop). */
export const currentToolName = (name: string) => FORMER_NAMES[name] ?? name;

/**
 * Tools Claude Code has, or had, that nanocode does not: a rule or a `tools:` entry naming one was
 * written for Claude Code, not mistyped, so it is taken without a word (and matches no call here).
 */
export const CLAUDE_CODE_ONLY_TOOLS: readonly string[] = [
  "MultiEdit", "LS", "NotebookRead", "TodoRead", "SlashCommand", "ToolSearch", "ListMcpResourcesTool", "ReadMcpResourceTool",
  "CronCreate", "CronDelete", "CronList", "EnterWorktree", "ExitWorktree", "ListAgents", "Monitor", "ReportFindings",
  "ScheduleWakeup", "SendMessage", "Workflow", "LSP", "TeamCreate", "TeamDelete",
];
