import type { IgnoredSetting } from "../config/repository-config.ts";
import { KeyParser } from "./keys.ts";
import { Screen } from "./screen.ts";
import { SelectView } from "./select.ts";
import { styleFor } from "./style.ts";
import { enterRawMode } from "./terminal.ts";

/** Rows of findings shown at most: the question must fit on the screen with its options. */
const MAX_ROWS = 12;

/**
 * The REPL's question, asked once per folder before the session starts (and before anything of
 * the project runs): whether the repository's configuration may apply, showing what it would do.
 * True: the user trusts the folder. Esc and Ctrl+C answer no: the session goes on without it.
 */
export function askTrust(folder: string, ignored: IgnoredSetting[]): Promise<boolean> {
  const s = styleFor(true);
  const rows = ignored.map(({ source, key, detail }) => `  ${s.bold(`${source} ${key}`)}  ${s.dim(detail)}`);
  const shown = rows.length > MAX_ROWS ? [...rows.slice(0, MAX_ROWS - 1), s.dim(`  … and ${rows.length - MAX_ROWS + 1} more`)] : rows;
  const title = [
    s.bold("Do you trust the files in this folder?"),
    folder,
    "",
    "Its configuration was written by whoever wrote the repository. Trusted, it would:",
    ...shown,
    "",
    "Untrusted, these are ignored; deny and ask rules still apply.",
  ];
  const view = new SelectView(title, [{ label: "Yes, I trust this folder", description: "(remembered for it and the folders in it)" }, { label: "No, continue without them", description: "(asked again next time)" }], "Enter to choose · ↑/↓ or 1-2 · Esc for no");
  const screen = new Screen(process.stdout);
  const keys = new KeyParser();
  return new Promise((resolve) => {
    const draw = () => screen.setLive(view.render(screen.columns, s));
    const terminal = enterRawMode(
      (chunk) => {
        for (const key of keys.feed(chunk)) {
          const outcome = view.handle(key);
          if (!outcome) continue;
          const trusted = outcome.result?.index === 0;
          screen.setLive([]);
          if (trusted) screen.print(s.dim(`Trusted ${folder}`));
          screen.close();
          terminal.restore();
          resolve(trusted);
          return;
        }
        draw();
      },
      () => {
        screen.resized();
        draw();
      },
    );
    draw();
  });
}
