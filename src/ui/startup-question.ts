import { KeyParser } from "./keys.ts";
import { Screen } from "./screen.ts";
import { type SelectOption, SelectView } from "./select.ts";
import { type Style, styleFor } from "./style.ts";
import { enterRawMode } from "./terminal.ts";

/**
 * A question asked on the terminal before the REPL starts (whether to trust the folder, whether
 * to use the project's MCP servers). Resolves the chosen option's index, or undefined for Esc and
 * Ctrl+C; `done` may print a line about the answer once the question is gone.
 */
export function askAtStartup(title: (s: Style) => string[], options: SelectOption[], hint: string, done?: (index: number | undefined, s: Style) => string | undefined): Promise<number | undefined> {
  const s = styleFor(true);
  const view = new SelectView(title(s), options, hint);
  const screen = new Screen(process.stdout);
  const keys = new KeyParser();
  return new Promise((resolve) => {
    const draw = () => screen.setLive(view.render(screen.columns, s));
    const terminal = enterRawMode(
      (chunk) => {
        for (const key of keys.feed(chunk)) {
          const outcome = view.handle(key);
          if (!outcome) continue;
          const index = outcome.result?.index;
          screen.setLive([]);
          const line = done?.(index, s);
          if (line) screen.print(line);
          screen.close();
          terminal.restore();
          resolve(index);
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
