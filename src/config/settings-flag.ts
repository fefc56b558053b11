import { resolve } from "node:path";
import { readConfigText } from "../fs/fs-error.ts";
import { ConfigError } from "../model/select.ts";
import { type LoadedSettingsFile, parseSettings, type Settings } from "./settings.ts";

/**
 * `--settings <file or json>`: one more settings source, above the user's, project's and local
 * files (Claude Code's flag settings; only its managed policy, which nanocode has none of, ranks
 * higher). JSON that does not parse, or a file that is not there, stops the run (ConfigError): a
 * wrapper that passes the flag may count on its deny rules. A bad field is one line naming the
 * source, as in a settings file, and the rest still applies. Its `/path` rules are anchored at the
 * working directory.
 */
export function readSettingsFlag(value: string, cwd: string): { file: LoadedSettingsFile; problems: string[] } {
  const inline = value.trimStart().startsWith("{");
  const path = inline ? "--settings" : resolve(cwd, value);
  const origin = inline ? "--settings" : `--settings ${path}`;
  const file = inline ? { text: value } : readConfigText(path, { pipes: true });
  if (!("text" in file)) throw new ConfigError("problem" in file ? `--settings ${file.problem}` : `${origin}: file not found`);
  const read = parseSettings(file.text, origin);
  if ("invalid" in read) throw new ConfigError(`${origin}: ${read.invalid}`);
  return { file: { scope: "flag", path, root: cwd, settings: read.settings as Settings }, problems: read.problems };
}
