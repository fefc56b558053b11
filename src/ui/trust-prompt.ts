import type { IgnoredSetting } from "../config/repository-config.ts";
import { askAtStartup } from "./startup-question.ts";
import type { Style } from "./style.ts";

/** Rows of findings shown at most: the question must fit on the screen with its options. */
const MAX_ROWS = 12;

/**
 * The REPL's question, asked once per folder before the session starts (and before anything of
 * the project runs): whether the repository's configuration may apply, showing what it would do.
 * True: the user trusts the folder. Esc and Ctrl+C answer no: the session goes on without it.
 */
export async function askTrust(folder: string, ignored: IgnoredSetting[]): Promise<boolean> {
  const title = (s: Style) => {
    const rows = ignored.map(({ source, key, detail }) => `  ${s.bold(`${source} ${key}`)}  ${s.dim(detail)}`);
    const shown = rows.length > MAX_ROWS ? [...rows.slice(0, MAX_ROWS - 1), s.dim(`  … and ${rows.length - MAX_ROWS + 1} more`)] : rows;
    return [
      s.bold("Do you trust the files in this folder?"),
      folder,
      "",
      "Its configuration was written by whoever wrote the repository. Trusted, it would:",
      ...shown,
      "",
      "Untrusted, these are ignored; deny and ask rules still apply.",
    ];
  };
  const options = [{ label: "Yes, I trust this folder", description: "(remembered for it and the folders in it)" }, { label: "No, continue without them", description: "(asked again next time)" }];
  const index = await askAtStartup(title, options, "Enter to choose · ↑/↓ or 1-2 · Esc for no", (chosen, s) => (chosen === 0 ? s.dim(`Trusted ${folder}`) : undefined));
  return index === 0;
}
