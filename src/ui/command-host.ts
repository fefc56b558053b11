import { PERMISSION_MODES, type PermissionMode } from "../permissions/gate.ts";
import type { CommandUI } from "../registry/command-api.ts";
import { listSessions } from "../session/list.ts";
import { diffLines, renderDiff } from "./diff.ts";
import { renderMarkdown } from "./markdown.ts";
import { pastTurns } from "./past-turns.ts";
import type { Created } from "../cli/setup.ts";
import type { Repl } from "./repl.ts";
import { SelectView } from "./select.ts";

/** Opens another session of this directory: a new one (no id) or an earlier one to continue. */
export type SessionOpener = (resume?: string) => Promise<Created>;

/** What commands reach through `ctx.ui` in the REPL: the person, the screen, and the session as a whole. */
export function replCommandUI(repl: Repl, open: SessionOpener): CommandUI {
  return {
    get style() {
      return repl.style;
    },
    get columns() {
      return repl.columns;
    },
    choose: async (title, options) => (await repl.show(new SelectView([title], options)))?.index,
    setInput: (text) => repl.input.setText(text),
    edit: (path) => repl.suspend(async () => void (await Bun.spawn([process.env.VISUAL || process.env.EDITOR || "vi", path], { stdio: ["inherit", "inherit", "inherit"] }).exited)),
    markdown: (text) => renderMarkdown(text, repl.style, repl.columns).join("\n"),
    diff: (before, after) => renderDiff(diffLines(before, after), repl.style, repl.columns, { maxRows: 200 }).join("\n"),
    exit: () => repl.exit(0),
    get permissionMode() {
      return repl.mode;
    },
    setPermissionMode(mode) {
      if (!(PERMISSION_MODES as readonly string[]).includes(mode)) throw new Error(`unknown permission mode "${mode}" (one of ${PERMISSION_MODES.join(", ")})`);
      repl.setMode(mode as PermissionMode);
    },
    sessions: () => listSessions(repl.session.env.cwd).map((info) => ({ id: info.id, title: info.title, modifiedAt: info.modifiedAt, current: info.id === repl.session.id })),
    async clear() {
      repl.replaceSession(await open());
    },
    async resume(id) {
      const opened = await open(id);
      repl.replaceSession(opened);
      repl.print(["", ...pastTurns(opened.session.messages, repl.style, repl.columns, opened.session.env.cwd), ""]);
    },
  };
}
