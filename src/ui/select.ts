import type { Key } from "./keys.ts";
import { type Style, truncate, wrap } from "./style.ts";

export type SelectOption = {
  label: string;
  description?: string;
  /** While this option is highlighted, typing writes into it (e.g. a reason to give the model). */
  input?: string;
};

export type SelectResult = { index: number; text: string } | undefined;

/**
 * A question with numbered options, drawn in the live region: Up/Down (or Tab) move, a digit picks
 * at once (unless an option that takes text is highlighted), Enter picks the highlighted one, Esc dismisses (undefined). Used by the permission
 * prompt, AskUserQuestion, and pickers such as /model and /resume.
 */
export class SelectView {
  private selected = 0;
  private typed = "";

  constructor(
    private readonly title: string[],
    private readonly options: SelectOption[],
    private readonly footer = "Enter to select · ↑/↓ to move · Esc to cancel",
  ) {}

  /** Returns the outcome once the user has chosen (or dismissed); undefined while still choosing. */
  handle(key: Key): { result: SelectResult } | undefined {
    // Keys typed ahead arrive joined ("3because…"); taken one at a time, the "3" still picks its
    // option and the rest is typed into it, instead of the whole chunk being dropped.
    if (key.name === "text" && key.text.length > 1) {
      for (const char of key.text) {
        const outcome = this.handle({ name: "text", text: char });
        if (outcome) return outcome;
      }
      return undefined;
    }
    const typing = this.options[this.selected]?.input !== undefined;
    if (key.name === "up" || key.name === "shift-tab") this.move(-1);
    else if (key.name === "down" || key.name === "tab") this.move(1);
    else if (key.name === "enter") return { result: { index: this.selected, text: this.typed } };
    else if (key.name === "escape" || (key.name === "ctrl" && key.letter === "c")) return { result: undefined };
    // Once an option that takes text is chosen, digits are text too: a reason that starts with "2"
    // must not turn into option 2 ("don't ask again").
    else if (typing && (key.name === "text" || key.name === "paste")) this.typed += key.text;
    else if (typing && key.name === "backspace") this.typed = this.typed.slice(0, -1);
    else if (key.name === "text" && /^[1-9]$/.test(key.text)) {
      const index = Number(key.text) - 1;
      if (index < this.options.length) {
        this.selected = index;
        if (this.options[index]!.input === undefined) return { result: { index, text: "" } };
      }
    }
    return undefined;
  }

  render(columns: number, s: Style): string[] {
    const lines = [s.dim("─".repeat(columns - 1)), ...this.title.flatMap((t) => wrap(t, columns - 2).map((l) => ` ${l}`)), ""];
    this.options.forEach((option, i) => {
      const chosen = i === this.selected;
      let label = `${i + 1}. ${option.label}`;
      if (option.input !== undefined && chosen) label += this.typed ? `: ${this.typed}` : s.dim(option.input ? `  ${option.input}` : "");
      const row = truncate(`${chosen ? "❯" : " "} ${label}${option.description ? s.dim(`  ${option.description}`) : ""}`, columns - 1);
      lines.push(chosen ? s.cyan(row) : row);
    });
    lines.push("", s.dim(truncate(` ${this.footer}`, columns - 1)));
    return lines;
  }

  private move(delta: number): void {
    this.selected = (this.selected + delta + this.options.length) % this.options.length;
    this.typed = "";
  }
}
