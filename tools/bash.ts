import { closeSync, existsSync, openSync } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { defineTool, v } from "nanocode";

const DEFAULT_TIMEOUT_MS = 120_000;
const MAX_TIMEOUT_MS = 600_000;
const MAX_INLINE_CHARS = 30_000;
const PREVIEW_BYTES = 2000;

function shell(): string {
  const own = process.env.SHELL ?? "";
  if (/\/(bash|zsh)$/.test(own) && existsSync(own)) return own;
  return existsSync("/bin/bash") ? "/bin/bash" : "/bin/sh";
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${(bytes / 1024).toFixed(1)}KB`;
}

/** The preview the model gets of an output too large to send whole; the full text stays on disk. */
function persistedPreview(output: string, file: string): string {
  let preview = output.slice(0, PREVIEW_BYTES);
  const cut = preview.lastIndexOf("\n");
  if (cut > 0) preview = preview.slice(0, cut);
  return `<persisted-output>\nOutput too large (${formatSize(Buffer.byteLength(output))}). Full output saved to: ${file}\n\nPreview (first 2KB):\n${preview}\n...\n</persisted-output>`;
}

export default defineTool({
  name: "Bash",
  description:
    "Run a shell command and return its output (stdout and stderr merged) and exit code. The working directory persists between calls (a `cd` sticks). Commands run non-interactively: stdin is closed. Default timeout 2 minutes (timeout in ms, max 10 minutes). Prefer Read, Glob, Grep and Edit over cat, find, grep and sed.",
  input: v.object({
    command: v.pipe(v.string(), v.nonEmpty(), v.description("The command to run")),
    timeout: v.optional(v.pipe(v.number(), v.maxValue(MAX_TIMEOUT_MS), v.description("Timeout in milliseconds (max 600000)"))),
    description: v.optional(v.pipe(v.string(), v.description("What the command does, in 5-10 words"))),
  }),
  async run({ command, timeout }, ctx) {
    const dir = join(ctx.sessionDir, "tool-results");
    await mkdir(dir, { recursive: true });
    const outFile = join(dir, `${ctx.toolUseId}.txt`);
    const cwdFile = join(dir, `${ctx.toolUseId}.cwd`);
    // One file for both streams keeps their order; a file (not a pipe) also means a command that
    // leaves a background process running does not hold the call open.
    const fd = openSync(outFile, "w");
    const script = `trap 'pwd -P >| ${quote(cwdFile)} 2>/dev/null' EXIT\n${command}`;
    const child = Bun.spawn([shell(), "-c", script], {
      cwd: ctx.cwd,
      stdio: ["ignore", fd, fd],
      detached: true,
      env: { ...process.env, GIT_EDITOR: "true", EDITOR: "true", PAGER: "cat", GIT_PAGER: "cat", GIT_TERMINAL_PROMPT: "0", NANOCODE: "1" },
    });
    closeSync(fd);
    // Kill the whole process group, so children of the command die with it.
    const killGroup = () => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    };
    let timedOut = false;
    const limit = timeout ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, limit);
    ctx.signal.addEventListener("abort", killGroup, { once: true });
    const exitCode = await child.exited;
    clearTimeout(timer);
    ctx.signal.removeEventListener("abort", killGroup);

    const newCwd = (await Bun.file(cwdFile).text().catch(() => "")).trim();
    await rm(cwdFile, { force: true });
    if (newCwd && newCwd !== ctx.cwd && (await stat(newCwd).catch(() => undefined))?.isDirectory()) ctx.setCwd(newCwd);

    const output = (await Bun.file(outFile).text()).replace(/\s+$/, "");
    let body = output;
    if (output.length > MAX_INLINE_CHARS) body = persistedPreview(output, outFile);
    else await rm(outFile, { force: true });

    if (timedOut) return { content: `Command timed out after ${Math.round(limit / 1000)}s\n${body}`.trim(), isError: true };
    if (ctx.signal.aborted) return { content: `Command interrupted\n${body}`.trim(), isError: true };
    if (child.signalCode) return { content: `Killed by signal ${child.signalCode}\n${body}`.trim(), isError: true };
    if (exitCode !== 0) return { content: `Exit code ${exitCode}\n${body}`.trim(), isError: true };
    return body === "" ? "(Bash completed with no output)" : body;
  },
});
