import { exec } from "../registry/exec.ts";
import { userShell } from "../shell/run-shell.ts";
import type { Repl } from "./repl.ts";

const SHOWN = 30;
const KEPT = 20_000;

/**
 * `!command`: runs it in the user's shell right away (Esc stops it), shows the output, and returns
 * a note for the model's next message so it knows what the user ran and saw, as Claude Code's
 * bash mode does.
 */
export async function runShellLine(command: string, repl: Repl): Promise<string | undefined> {
  const s = repl.style;
  repl.print(["", s.magenta(`! ${command}`)]);
  let note: string | undefined;
  const controller = new AbortController();
  await repl.busy(controller, undefined, async () => {
    const { stdout, stderr, exitCode } = await exec([userShell(), "-c", command], { cwd: repl.session.env.cwd, signal: controller.signal });
    const output = `${stdout}${stderr}`.replace(/\n+$/, "");
    const lines = output === "" ? ["(no output)"] : output.split("\n");
    const shown = lines.slice(0, SHOWN).map((l, i) => `${i === 0 ? "  ⎿  " : "     "}${l}`);
    if (lines.length > SHOWN) shown.push(s.dim(`     … +${lines.length - SHOWN} lines`));
    if (controller.signal.aborted) shown.push(s.red("     Interrupted"));
    else if (exitCode !== 0) shown.push(s.red(`     exit code ${exitCode ?? "(killed)"}`));
    repl.print(shown);
    note = `<bash-input>${command}</bash-input>\n<bash-stdout>${stdout.slice(-KEPT)}</bash-stdout>${stderr ? `\n<bash-stderr>${stderr.slice(-KEPT)}</bash-stderr>` : ""}`;
  });
  return note;
}
