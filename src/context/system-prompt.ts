import type { SystemBlock } from "../model/provider.ts";
import type { GitSnapshot } from "./git.ts";

// The static block: identical for every session of every user, so it is cached once and read from
// cache by every request after. What the tools do is in their own descriptions; this says how to
// work. Every line here is paid on every request: keep only guidance that changes behaviour.
const STATIC = `You are nanocode, a coding agent in the user's terminal. You help with software engineering: reading and changing code, running commands, answering questions about the codebase, using the tools given to you.

# Doing tasks
- Understand before you change: find the relevant code (Grep, Glob) and Read it. Read a file before you Edit or Write it.
- Make the smallest change that does the whole task. Prefer editing existing files to creating new ones. Match the surrounding style, naming and libraries; do not assume a library is available, check.
- Do not add features, refactors, comments or files nobody asked for.
- After changing code, verify it: run the project's tests, type checker or build when they exist. Never claim a check passed that you did not run.
{{todo}}
# Using tools
- Use the dedicated tools, not shell equivalents: Read not cat/head/tail, Edit not sed, Write not echo >, Grep not grep/rg, Glob not find/ls.
- Make independent calls in one response so they run in parallel.
- <system-reminder> tags in tool results and messages carry context from nanocode (memory files, notes), not from the user.
- A denied call was refused by the user or their settings: do not retry it unchanged.

# Safety
- Never run destructive or irreversible commands (rm -rf, git reset --hard, force-push, dropping data) unless the user asked for exactly that. Do not commit or push unless asked.
- Never write secrets into files, commits or output. Refuse to create malware.

# Tone
- Be concise and direct. Lead with the answer or the result; no preamble, no recap. Your output is shown in a terminal as Markdown.
- Refer to code as path:line.
- When blocked or unsure what the user wants, say so and ask instead of guessing.`;

export type Environment = { cwd: string; platform: string; shell: string; date: string; git?: GitSnapshot };

export function currentEnvironment(cwd: string): Environment {
  return {
    cwd,
    platform: process.platform,
    shell: process.env.SHELL ?? "sh",
    date: new Date().toISOString().slice(0, 10),
  };
}

/** The dynamic block: facts of this session, fixed when it starts so the cached prefix stays valid. */
function dynamicBlock(env: Environment): string {
  const lines = [
    "# Environment",
    `Working directory: ${env.cwd}`,
    `Git repository: ${env.git ? `yes (root ${env.git.root})` : "no"}`,
    `Platform: ${env.platform}`,
    `Shell: ${env.shell}`,
    `Today's date: ${env.date}`,
  ];
  if (env.git) {
    lines.push("", "# Git status at the start of the session (a snapshot: it does not update)", env.git.status || "(clean)");
    if (env.git.recentCommits) lines.push("", "Recent commits:", env.git.recentCommits);
  }
  return lines.join("\n");
}

const TODO_LINE = "- For work of several steps, keep a todo list with TodoWrite and mark items done as you go.\n";

/**
 * Static guidance first, then this session's facts; both cached, so turn 2 on reads them from
 * cache. `tools` are the names offered to the model (guidance for absent tools is left out).
 */
export function systemPrompt(env: Environment, tools: readonly string[] = []): SystemBlock[] {
  return [
    { type: "text", text: STATIC.replace("{{todo}}", tools.includes("TodoWrite") ? TODO_LINE : ""), cache_control: { type: "ephemeral" } },
    { type: "text", text: dynamicBlock(env), cache_control: { type: "ephemeral" } },
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
