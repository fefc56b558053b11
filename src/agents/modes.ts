import type { PermissionMode } from "../permissions/gate.ts";
import type { PermissionModes } from "../registry/agent-api.ts";

/** Switches the permission engine's mode while the session runs, remembering where plan mode was entered from. */
export class ModeSwitch implements PermissionModes {
  private beforePlan?: PermissionMode;

  constructor(private readonly engine: { mode: PermissionMode }) {}

  get current(): PermissionMode {
    return this.engine.mode;
  }

  set(mode: PermissionMode): void {
    if (mode === "plan" && this.engine.mode !== "plan") this.beforePlan = this.engine.mode;
    this.engine.mode = mode;
  }

  leavePlan(mode?: PermissionMode): PermissionMode {
    this.engine.mode = mode ?? this.beforePlan ?? "default";
    this.beforePlan = undefined;
    return this.engine.mode;
  }
}
