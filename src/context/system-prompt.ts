import { existsSync } from "node:fs";
import { join } from "node:path";
import type { SystemBlock } from "../model/provider.ts";

// Static guidance first, marked cacheable, so every request after the first reads it from cache.
const STATIC = `You are nanocode, a coding agent working in the user's terminal. You read and change code, run commands and answer questions about the codebase, using the tools given to you.

# Working
- Understand before you change: search (Grep, Glob) and Read the relevant code first. Read a file before you Edit or Write it.
- Prefer editing existing files to creating new ones. Match the surrounding style. Make the smallest change that solves the task.
- Use the dedicated tools rather than shell equivalents: Read not cat, Edit not sed, Grep not grep, Glob not find.
- Run independent read-only tool calls in one response so they run in parallel.
- After changing code, verify it: run the project's tests, type checker or build when they exist.
- Never run destructive or irreversible commands (deleting data, force-pushing, resetting history) unless the user asked for exactly that.

# Answering
- Be concise and direct. Lead with the answer or the result; skip preamble and recaps.
- Refer to code as path:line so the user can jump to it.
- When you are blocked or unsure what the user wants, say so plainly instead of guessing.`;

export type Environment = { cwd: string; platform: string; shell: string; date: string };

export function currentEnvironment(cwd: string): Environment {
  return {
    cwd,
    platform: process.platform,
    shell: process.env.SHELL ?? "sh",
    date: new Date().toISOString().slice(0, 10),
  };
}

function dynamicBlock(env: Environment): string {
  const isRepo = existsSync(join(env.cwd, ".git"));
  return `# Environment\nWorking directory: ${env.cwd}\nGit repository: ${isRepo ? "yes" : "no"}\nPlatform: ${env.platform}\nShell: ${env.shell}\nToday's date: ${env.date}`;
}

export function systemPrompt(env: Environment): SystemBlock[] {
  return [
    { type: "text", text: STATIC, cache_control: { type: "ephemeral" } },
    { type: "text", text: dynamicBlock(env) },
  ];
}

/**
 * `--system-prompt` replaces the static guidance (the environment block stays, as Claude Code keeps
 * its environment context); `--append-system-prompt` goes after a blank line at the very end.
 */
export function customizeSystemPrompt(blocks: SystemBlock[], custom: { replace?: string; append?: string }): SystemBlock[] {
  const out = blocks.map((b) => ({ ...b }));
  if (custom.replace !== undefined && out[0]) out[0].text = custom.replace;
  const last = out.at(-1);
  if (custom.append && last) last.text = `${last.text}\n\n${custom.append}`;
  return out;
}
