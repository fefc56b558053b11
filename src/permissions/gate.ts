// The one door every tool call goes through. The executor asks the gate before running anything;
// no tool can bypass it.

import type { Tool } from "../registry/define.ts";
import { describeCall } from "../registry/describe.ts";

export const PERMISSION_MODES = ["default", "acceptEdits", "plan", "bypassPermissions"] as const;
export type PermissionMode = (typeof PERMISSION_MODES)[number];

export type PermissionRequest = {
  tool: Tool;
  input: unknown;
  /** The tool's own verdict for this input (Bash decides per command). */
  readOnly: boolean;
  toolUseId: string;
  cwd: string;
};

export type Decision =
  /** `input` replaces the model's input (a hook may rewrite it). */
  | { behavior: "allow"; input?: unknown }
  | { behavior: "deny"; message: string };

export interface PermissionGate {
  check(request: PermissionRequest, signal: AbortSignal): Promise<Decision>;
  /** A tool's own yes/no question to the user (ToolContext.ask); absent where nobody can answer. */
  ask?(request: { tool: Tool; question: string; toolUseId: string }, signal: AbortSignal): Promise<boolean>;
}

/**
 * The gate used until rules and prompts exist for a run: read-only calls pass, bypass mode passes
 * everything, and anything else is refused with a message that says how to allow it.
 */
export function modeGate(mode: PermissionMode): PermissionGate {
  return {
    async check({ tool, input, readOnly }) {
      if (mode === "bypassPermissions" || readOnly) return { behavior: "allow" };
      if (mode === "plan") return { behavior: "deny", message: `${tool.name} is not allowed in plan mode: only read-only tools may run until the plan is approved.` };
      return {
        behavior: "deny",
        message: `Permission to run ${describeCall(tool.name, input)} was denied: nanocode is running non-interactively and this call is not pre-approved. To allow it, rerun with --allowedTools "${tool.name}" or --dangerously-skip-permissions.`,
      };
    },
  };
}
