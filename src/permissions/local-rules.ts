import { join } from "node:path";
import { atomicWrite } from "../fs/atomic-write.ts";
import { readConfigText } from "../fs/fs-error.ts";

/** Where "yes, and don't ask again" saves its rules: the project's own, uncommitted settings. */
export const localSettingsPath = (projectDir: string) => join(projectDir, ".nanocode", "settings.local.json");

/**
 * Adds allow rules to a settings file, keeping everything else in it, with an atomic write. A file
 * that is not valid JSON is left alone (the error says so) rather than overwritten.
 */
export async function saveAllowRules(path: string, rules: string[]): Promise<void> {
  let settings: Record<string, unknown> = {};
  const file = readConfigText(path);
  if ("problem" in file) throw new Error(`${file.problem}; the permission rules were not saved there`);
  if ("text" in file) {
    try {
      settings = JSON.parse(file.text);
    } catch {
      throw new Error(`${path} is not valid JSON; fix it to save permission rules there`);
    }
    if (typeof settings !== "object" || settings === null || Array.isArray(settings)) throw new Error(`${path} must hold a JSON object`);
  }
  const permissions = (typeof settings.permissions === "object" && settings.permissions !== null ? settings.permissions : {}) as Record<string, unknown>;
  const allow = Array.isArray(permissions.allow) ? [...permissions.allow] : [];
  for (const rule of rules) if (!allow.includes(rule)) allow.push(rule);
  settings.permissions = { ...permissions, allow };
  await atomicWrite(path, `${JSON.stringify(settings, null, 2)}\n`);
}
