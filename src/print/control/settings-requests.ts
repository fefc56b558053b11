// The Query object's settings requests: updateSettings() writes the user's or the project's local
// settings file (.nanocode/, atomically, keeping what else it holds; they apply from the next
// session, as a file edited by hand), applyFlagSettings() changes what can change mid-session.

import { homedir } from "node:os";
import { join } from "node:path";
import * as v from "valibot";
import { Effort } from "../../agents/definitions.ts";
import { effortBudget } from "../../agents/thinking.ts";
import { editSettingsFile } from "../../config/edit-settings.ts";
import { localSettingsPath } from "../../permissions/local-rules.ts";
import { type ControlContext, ControlError, type ControlRequest, fieldsOf } from "./handler.ts";
import { rethink, setModel } from "./session-requests.ts";

const UpdateRequest = v.object({
  source: v.picklist(["localSettings", "userSettings"], "must be localSettings or userSettings"),
  settings: v.record(v.string(), v.unknown(), "must be an object of settings"),
});

/** Keys set to null are removed, the rest replace the file's values. */
export async function updateSettings(request: ControlRequest, context: ControlContext) {
  const { source, settings } = fieldsOf(UpdateRequest, request);
  const path = source === "localSettings" ? localSettingsPath(context.session.env.cwd) : join(homedir(), ".nanocode", "settings.json");
  await editSettingsFile(path, "the settings", (file) => {
    for (const [key, value] of Object.entries(settings)) {
      if (value === null) delete file[key];
      else file[key] = value;
    }
  });
  return {};
}

const CHANGEABLE = "only model, effortLevel and alwaysThinkingEnabled can change during a nanocode session";
const FlagSettings = v.object({
  model: v.optional(v.nullable(v.string("must be a model name"))),
  effortLevel: v.optional(v.nullable(Effort)),
  alwaysThinkingEnabled: v.optional(v.nullable(v.boolean("must be true or false"))),
});

/** The flag-level settings that can change mid-session: the model and how hard it thinks (null: back to the start). */
export async function applyFlagSettings(request: ControlRequest, context: ControlContext) {
  const { settings } = fieldsOf(v.object({ settings: v.record(v.string(), v.unknown(), "must be an object of settings") }), request);
  const others = Object.keys(settings).filter((key) => !(key in FlagSettings.entries));
  if (others.length) throw new ControlError(`${others.join(", ")}: ${CHANGEABLE}`);
  const { model, effortLevel, alwaysThinkingEnabled } = fieldsOf(FlagSettings, { subtype: "apply_flag_settings", ...settings });
  if (model !== undefined) await setModel({ subtype: "set_model", model }, context);
  if (effortLevel === null || alwaysThinkingEnabled === null) rethink(context);
  else if (effortLevel !== undefined || alwaysThinkingEnabled !== undefined) {
    rethink(context, { flag: alwaysThinkingEnabled, flagBudget: effortLevel ? effortBudget(effortLevel) : alwaysThinkingEnabled === false ? 0 : undefined, settings: {} });
  }
  return {};
}
