import type { PermissionGate, PermissionMode } from "../permissions/gate.ts";
import type { PermissionModes } from "../registry/agent-api.ts";

/** Switches the permission engine's mode while the session runs, remembering where plan mode was entered from. */
export class ModeSwitch implements PermissionModes {
  private beforePlan?: PermissionMode;
  planByModel = false;

  constructor(private readonly engine: { mode: PermissionMode }) {}

  get current(): PermissionMode {
    return this.engine.mode;
  }

  set(mode: PermissionMode, by: "user" | "model" = "user"): void {
    if (mode === "plan" && this.engine.mode !== "plan") this.beforePlan = this.engine.mode;
    // The user's own choice of plan mode (even over the model's) is theirs to end.
    this.planByModel = mode === "plan" && by === "model" && (this.engine.mode !== "plan" || this.planByModel);
    this.engine.mode = mode;
  }

  leavePlan(mode?: PermissionMode): PermissionMode {
    this.engine.mode = mode ?? this.beforePlan ?? "default";
    this.beforePlan = undefined;
    this.planByModel = false;
    return this.engine.mode;
  }
}

/** From the mode that lets least run to the one that lets most. */
const LATITUDE: readonly PermissionMode[] = ["plan", "dontAsk", "default", "acceptEdits", "bypassPermissions"];

/**
 * A sub-agent's mode under its parent's, as Claude Code documents it: a bypassPermissions parent
 * takes precedence; otherwise the agent's `permissionMode` holds when it lets less run than the
 * parent's, never more (a file in the repository must not widen what the user chose).
 */
export function subagentMode(parent: PermissionMode, wanted: PermissionMode): PermissionMode {
  if (parent === "bypassPermissions") return parent;
  return LATITUDE.indexOf(wanted) < LATITUDE.indexOf(parent) ? wanted : parent;
}

/** The gate a sub-agent of this type uses: the parent's, in the agent's mode when it has one. */
export function subagentGate(parent: PermissionGate, wanted: PermissionMode | undefined): PermissionGate {
  if (!wanted || !parent.withMode) return parent;
  return parent.withMode((current) => subagentMode(current, wanted));
}
