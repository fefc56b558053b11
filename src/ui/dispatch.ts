import { asBlocks } from "../model/messages.ts";
import type { CommandUI, PromptInfo } from "../registry/command-api.ts";
import type { Registry } from "../registry/registry.ts";
import { commandSession } from "../cli/command-session.ts";
import { parseSlash, type Prepared } from "../cli/slash.ts";
import { rememberLine } from "./memory-line.ts";
import type { Repl } from "./repl.ts";
import { runShellLine } from "./shell-line.ts";

/** Turns typed text into the message to send and the session to send it to (a forked skill has its own); an error is one line. */
export type PromptPreparer = (text: string, signal: AbortSignal) => Promise<Prepared>;

/**
 * What a submitted line does: `!cmd` runs in the shell, `#note` goes to memory, `/name args` runs
 * a command module, and anything else is sent to the model (after `prepare`, which expands custom
 * commands and attaches @-mentioned files). Shell output is carried into the next message.
 */
export function lineDispatcher(registry: Registry, ui: CommandUI, prepare: PromptPreparer, prompts: () => PromptInfo[]) {
  let shellNotes: string[] = [];
  return async (text: string, repl: Repl): Promise<void> => {
    const line = text.trim();
    if (line.startsWith("!")) {
      const note = await runShellLine(line.slice(1).trim(), repl);
      if (note) shellNotes.push(note);
      return;
    }
    if (line.startsWith("#") && !line.startsWith("#!")) return rememberLine(line.slice(1).trim(), repl);
    const slash = parseSlash(line);
    const command = slash && registry.command(slash.name);
    let prompt = text;
    if (command) {
      repl.print(["", repl.style.dim(`> ${line}`)]);
      const controller = new AbortController();
      const result = await repl.busy(controller, undefined, async () =>
        command.run(slash.args, {
          cwd: repl.session.env.cwd,
          registry: { tools: registry.listTools().map((t) => t.tool), commands: registry.listCommands().map((c) => c.command), prompts: prompts() },
          print: (out) => repl.print(out.split("\n")),
          session: async () => commandSession(repl.session, { mcp: repl.mcp }),
          ui,
          signal: controller.signal,
        }),
      );
      if (typeof result === "string") repl.print(result.split("\n"));
      if (!result || typeof result !== "object") return;
      prompt = result.prompt;
    }
    const controller = new AbortController();
    const prepared = await repl.busy(controller, undefined, () => prepare(prompt, controller.signal));
    if (!prepared) return;
    if ("error" in prepared) return repl.print(["", repl.style.dim(`> ${line}`), repl.style.red(`● ${prepared.error}`)]);
    const { message } = prepared;
    if (shellNotes.length) {
      message.content = [...shellNotes.map((n) => ({ type: "text" as const, text: n })), ...asBlocks(message.content)];
      shellNotes = [];
    }
    await repl.send(message, command ? undefined : text, prepared.session);
  };
}
