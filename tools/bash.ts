import { mkdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { defineTool, killGroup, lastLine, notifyModel, outputForModel, runShell, runsOnlyReads, SANDBOXED, type SandboxedRun, type ToolContext, v, withDiagnostics } from "nanocode";

const DEFAULT_TIMEOUT_MS = 120_000;
const MAX_TIMEOUT_MS = 600_000;
const PROGRESS_EVERY_MS = 1000;

const Input = v.object({
  command: v.pipe(v.string(), v.nonEmpty(), v.description("The command to run")),
  timeout: v.optional(v.pipe(v.number(), v.minValue(1), v.description(`Timeout in ms (max ${MAX_TIMEOUT_MS})`))),
  description: v.optional(v.pipe(v.string(), v.description("What the command does, in 5-10 words"))),
  run_in_background: v.optional(v.pipe(v.boolean(), v.description("Run in the background (servers, watchers)"))),
  dangerouslyDisableSandbox: v.optional(v.pipe(v.boolean(), v.description("Run unsandboxed (asks the user), if the sandbox blocked it"))),
});

/** Starts `command` as a background task of the session; its output goes to a file the model can Read. */
function startBackground(command: string, dir: string, ctx: ToolContext, sandboxed: SandboxedRun | undefined): string {
  const tasks = ctx.agent?.tasks;
  if (!tasks) throw new Error("run_in_background needs an agent session; run the command in the foreground.");
  const outputFile = join(dir, `${ctx.toolUseId}.output`);
  const { cwd, sessionId } = ctx;
  // Started before the task exists: a shell that cannot start is this call's error, not a task's.
  const child = runShell(command, { cwd, outFile: outputFile, sandboxed });
  const task = tasks.start("bash", command, async (signal) => {
    const stop = () => killGroup(child.pid);
    signal.addEventListener("abort", stop, { once: true });
    if (signal.aborted) stop();
    const code = await child.exited;
    const output = await outputForModel(outputFile);
    const hint = await sandboxed?.finish({ exitCode: code, output: output.text });
    const text = hint ? `${output.text}\n${hint}` : output.text;
    if (signal.aborted) return text;
    const how = code === 0 ? "completed" : `failed with exit code ${code}`;
    notifyModel(sessionId, `<task-notification>\nBackground command ${task.id} ${how}: ${command}\nOutput: ${outputFile}\n</task-notification>`);
    if (code !== 0) throw new Error(`Exit code ${code}\n${text}`);
    return text;
  });
  return `Command running in background with ID: ${task.id}. Output is being written to: ${outputFile}`;
}

export default defineTool({
  name: "Bash",
  description: `Run a shell command (bash or zsh) and return its output (stdout and stderr merged in order) and, on failure, the exit code. The working directory persists between calls; other shell state does not. stdin is closed and editors and pagers are disabled: never run commands that wait for input (e.g. git rebase -i). Timeout 2 minutes by default, at most 10. Output over 30,000 characters is saved to a file you can Read; you get a preview and the path. For servers and watchers set run_in_background: you get an ID and an output file, TaskStop stops it, and you are told when it ends. Quote paths with spaces.`,
  input: Input,
  // Parsed for real: only commands made wholly of known read-only programs count (see src/permissions).
  readOnly: ({ command }) => runsOnlyReads(command),
  async run({ command, timeout, run_in_background, dangerouslyDisableSandbox }, ctx) {
    const dir = join(ctx.sessionDir, "tool-results");
    await mkdir(dir, { recursive: true });
    const outFile = join(dir, `${ctx.toolUseId}.txt`);
    const cwdFile = join(dir, `${ctx.toolUseId}.cwd`);
    const sandboxed = await ctx.sandbox?.prepare(command, { cwd: ctx.cwd, cwdFile: run_in_background ? undefined : cwdFile, unsandboxed: dangerouslyDisableSandbox });
    if (sandboxed) ctx.progress(SANDBOXED);
    if (run_in_background) return startBackground(command, dir, ctx, sandboxed);

    const child = runShell(command, { cwd: ctx.cwd, outFile, cwdFile, sandboxed });
    const limit = Math.min(timeout ?? DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, limit);
    const onAbort = () => killGroup(child.pid);
    ctx.signal.addEventListener("abort", onAbort, { once: true });
    if (ctx.signal.aborted) onAbort();
    const ticker = setInterval(() => void lastLine(outFile).then((line) => line && ctx.progress(line), () => {}), PROGRESS_EVERY_MS);
    const exitCode = await child.exited;
    clearTimeout(timer);
    clearInterval(ticker);
    ctx.signal.removeEventListener("abort", onAbort);

    // The shell's last directory becomes the session's: a `cd` sticks (ctx.setCwd is the one place that moves it).
    const newCwd = (await Bun.file(cwdFile).text().catch(() => "")).trim();
    await rm(cwdFile, { force: true });
    let reset = "";
    if (newCwd && newCwd !== ctx.cwd && (await stat(newCwd).catch(() => undefined))?.isDirectory() && ctx.setCwd(newCwd) === false) {
      reset = `\nShell cwd was reset to ${ctx.cwd} (${newCwd} is outside the allowed working directories)`;
    }

    const { text: output, persisted } = await outputForModel(outFile);
    if (!persisted) await rm(outFile, { force: true });
    const hint = await sandboxed?.finish({ exitCode, output });
    const text = hint ? `${output}\n${hint}` : output;
    const seconds = limit / 1000;
    if (timedOut) return { content: `Command timed out after ${seconds >= 60 ? `${Math.floor(seconds / 60)}m ${seconds % 60}s` : `${seconds}s`}\n${text}`.trim(), isError: true };
    if (ctx.signal.aborted) return { content: `Command interrupted\n${text}`.trim(), isError: true };
    if (child.signalCode) return { content: `Command killed by signal ${child.signalCode}\n${text}`.trim(), isError: true };
    if (exitCode !== 0) return { content: `Exit code ${exitCode}\n${text}${reset}`.trim(), isError: true };
    // A command that changed files a language server has open (sed -i, a formatter, a codemod) gets their diagnostics, as an Edit would.
    return withDiagnostics(ctx, "changed", (text === "" ? "(Bash completed with no output)" : text) + reset);
  },
});
