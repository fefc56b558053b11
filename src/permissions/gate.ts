// The one door every tool call goes through. The executor asks the gate before running anything;
// no tool can bypass it. The gate itself is the PermissionEngine (./engine.ts).

import type { ToolResultBlock } from "../model/messages.ts";
import type { Tool } from "../registry/define.ts";

/** dontAsk: what would ask is refused instead (only rules and read-only calls run), as in print mode. */
export const PERMISSION_MODES = ["default", "acceptEdits", "plan", "bypassPermissions", "dontAsk"] as const;
export type PermissionMode = (typeof PERMISSION_MODES)[number];

export type PermissionRequest = {
  tool: Tool;
  input: unknown;
  /** The tool's own verdict for this input (the engine analyses Bash commands itself). */
  readOnly: boolean;
  toolUseId: string;
  cwd: string;
  /**
   * An active skill's `allowed-tools` covers this call: it counts as an allow rule, so hooks, deny
   * and ask rules, plan mode and guarded paths still have their say.
   */
  granted?: boolean;
};

/** `context`: texts PreToolUse hooks added for the model, which follow the call's result. */
export type Decision =
  /** `input` replaces the model's input (a hook may rewrite it). */
  | { behavior: "allow"; input?: unknown; context?: string[] }
  /** `input`: the input that was refused, when a hook rewrote it. `stop`: a hook ended the run too, this saying why. */
  | { behavior: "deny"; message: string; input?: unknown; stop?: string; context?: string[] };

/**
 * What PostToolUse hooks said after a call: texts for the model, `stop` when one ended the run,
 * and `output` when one replaced an MCP tool's output.
 */
export type AfterCall = { context: string[]; stop?: string; output?: unknown };

export interface PermissionGate {
  check(request: PermissionRequest, signal: AbortSignal): Promise<Decision>;
  /** A tool's own yes/no question to the user (ToolContext.ask); absent where nobody can answer. */
  ask?(request: { tool: Tool; question: string; toolUseId: string }, signal: AbortSignal): Promise<boolean>;
  /** May tools show this file (or anything from it)? Deny rules hide paths from every tool. */
  canRead?(path: string): boolean;
  /** After a call ran (PostToolUse hooks): texts for the model, added after the results; whether the run must end. */
  /** `interrupted`: the user stopped the call while it ran (its result is an error then). */
  after?(call: { tool: Tool; input: unknown; toolUseId: string; result: ToolResultBlock; durationMs: number; interrupted?: boolean }, signal: AbortSignal): Promise<AfterCall>;
  /**
   * The same gate (rules, remembered answers, prompts) in the mode `mode` picks from this gate's
   * own, asked on every call so it follows the parent's mode as it changes (a sub-agent's permissionMode).
   */
  withMode?(mode: (current: PermissionMode) => PermissionMode): PermissionGate;
}
