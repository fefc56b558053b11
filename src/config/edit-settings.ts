import { atomicWrite } from "../fs/atomic-write.ts";
import { readConfigText } from "../fs/fs-error.ts";

/**
 * Changes one settings file with an atomic write, keeping every key `change` does not touch. A
 * file that cannot be read or is not a JSON object is left alone: the error says so, naming `what`
 * was to be saved ("the permission rules").
 */
export async function editSettingsFile(path: string, what: string, change: (settings: Record<string, unknown>) => void): Promise<void> {
  let settings: Record<string, unknown> = {};
  const file = readConfigText(path);
  if ("problem" in file) throw new Error(`${file.problem}; ${what} were not saved there`);
  if ("text" in file) {
    try {
      settings = JSON.parse(file.text);
    } catch {
      throw new Error(`${path} is not valid JSON; fix it to save ${what} there`);
    }
    if (typeof settings !== "object" || settings === null || Array.isArray(settings)) throw new Error(`${path} must hold a JSON object`);
  }
  change(settings);
  await atomicWrite(path, `${JSON.stringify(settings, null, 2)}\n`);
}
