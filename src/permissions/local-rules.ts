import { join } from "node:path";
import { editSettingsFile } from "../config/edit-settings.ts";

/** Where "yes, and don't ask again" saves its rules: the project's own, uncommitted settings. */
export const localSettingsPath = (projectDir: string) => join(projectDir, ".nanocode", "settings.local.json");

/** Adds allow rules to a settings file, keeping everything else in it (see editSettingsFile). */
export async function saveAllowRules(path: string, rules: string[]): Promise<void> {
  await editSettingsFile(path, "the permission rules", (settings) => {
    const permissions = (typeof settings.permissions === "object" && settings.permissions !== null ? settings.permissions : {}) as Record<string, unknown>;
    const allow = Array.isArray(permissions.allow) ? [...permissions.allow] : [];
    for (const rule of rules) if (!allow.includes(rule)) allow.push(rule);
    settings.permissions = { ...permissions, allow };
  });
}
