// The one table of hook events: every event Claude Code 2.1 documents, which of them nanocode
// raises, which payload field a group's matcher is tested against, and which cannot block. The
// settings schema, the hook runner and the start-up notice all read it, as should any other
// source of hooks (the SDK's callbacks).

/** Every event Claude Code's hooks reference names: settings that use one of them are valid. */
export const HOOK_EVENTS = [
  "SessionStart",
  "Setup",
  "InstructionsLoaded",
  "UserPromptSubmit",
  "UserPromptExpansion",
  "PreToolUse",
  "PermissionRequest",
  "PermissionDenied",
  "PostToolUse",
  "PostToolUseFailure",
  "PostToolBatch",
  "Notification",
  "MessageDisplay",
  "SubagentStart",
  "SubagentStop",
  "TaskCreated",
  "TaskCompleted",
  "Stop",
  "StopFailure",
  "TeammateIdle",
  "ConfigChange",
  "CwdChanged",
  "DirectoryAdded",
  "FileChanged",
  "WorktreeCreate",
  "WorktreeRemove",
  "PreCompact",
  "PostCompact",
  "PreModelSwitch",
  "PostModelSwitch",
  "Elicitation",
  "ElicitationResult",
  "SessionEnd",
] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

/**
 * The events nanocode raises, each with the payload field its matcher is tested against (null:
 * the event has no matcher, every group runs). An event missing here is accepted in settings and
 * named once at start-up, since its hooks would never run.
 */
export const RAISED_EVENTS: Partial<Record<HookEvent, string | null>> = {
  SessionStart: "source",
  InstructionsLoaded: "load_reason",
  UserPromptSubmit: null,
  UserPromptExpansion: "command_name",
  PreToolUse: "tool_name",
  PermissionRequest: "tool_name",
  PostToolUse: "tool_name",
  PostToolUseFailure: "tool_name",
  PostToolBatch: null,
  Notification: "notification_type",
  SubagentStart: "agent_type",
  SubagentStop: "agent_type",
  Stop: null,
  StopFailure: "error_type",
  PreCompact: "trigger",
  PostCompact: "trigger",
  CwdChanged: null,
  SessionEnd: "reason",
};

/** Events whose hooks cannot stop anything: exit 2 only shows stderr to the user. */
export const UNBLOCKABLE = new Set<HookEvent>(["SessionStart", "SessionEnd", "Notification", "SubagentStart", "InstructionsLoaded", "StopFailure", "PostCompact", "CwdChanged"]);

/** One start-up line naming the configured events nanocode never raises, or nothing. */
export function unraisedEventsNotice(configured: Iterable<string>): string | undefined {
  const unraised = [...configured].filter((event) => !(event in RAISED_EVENTS));
  if (unraised.length === 0) return undefined;
  return `hooks for ${unraised.join(", ")} will not run: ${unraised.length === 1 ? "this event does" : "these events do"} not happen in nanocode yet`;
}
