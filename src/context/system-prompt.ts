import type { SystemBlock } from "../model/provider.ts";
import type { GitSnapshot } from "./git.ts";
import type { OutputStyle } from "./output-styles.ts";

// The static block: identical for every session of every user, so it is cached once and read from
// cache by every request after. What the tools do is in their own descriptions; this says how to
// work. Every line here is paid on every request: keep only guidance that changes behaviour.
const STATIC = `You are nanocode, a coding agent in the user's terminal: you read and change code, run commands and answer questions about the codebase, using your tools.

# Doing tasks
- Understand before you change: find the relevant code (Grep, Glob) and Read it.
- Make the smallest change that does the whole task, in the surrounding style, naming and libraries. Add no features, refactors, comments or files nobody asked for.
- Then verify: run the project's tests, type checker or build when they exist. Never claim a check passed that you did not run.

# Using tools
- Use Read, Edit, Write, Grep and Glob, not cat, sed, echo >, grep or find in Bash.
- Make independent calls in one response: they run in parallel.
- <system-reminder> tags carry context from nanocode (memory files, notes), not from the user.
- Do not retry a denied call unchanged.

# Safety
- Never run destructive or irreversible commands (rm -rf, git reset --hard, force-push, dropping data) unless the user asked for exactly that. Do not commit or push unless asked. Never write secrets into files or output; refuse to create malware.

# Tone
- Be concise and direct: lead with the answer or the result, no preamble, no recap. Output is shown as Markdown.
- Refer to code as path:line.
- When blocked or unsure what the user wants, ask instead of guessing.`;

export type Environment = { cwd: string; platform: string; shell: string; date: string; git?: GitSnapshot; memory?: string };

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
  if (env.memory) lines.push("", env.memory);
  return lines.join("\n");
}

/**
 * The static guidance as an output style changes it, as Claude Code's styles change its prompt: no
 * guidance on terse output, no coding instructions unless the style keeps them, the style's own text last.
 */
function styled(style: OutputStyle | undefined): string {
  if (!style) return STATIC;
  const kept = STATIC.split("\n\n").filter((section) => style.keepCodingInstructions || !section.startsWith("# Doing tasks"));
  const text = kept.join("\n\n").replace(/^- Be concise and direct[^\n]*\n/m, "");
  return `${text}\n\n# Output style: ${style.name}\n${style.prompt}`;
}

/** Static guidance first, then this session's facts; both cached, so turn 2 on reads them from cache. */
export function systemPrompt(env: Environment, style?: OutputStyle): SystemBlock[] {
  return [
    { type: "text", text: styled(style), cache_control: { type: "ephemeral" } },
    { type: "text", text: dynamicBlock(env), cache_control: { type: "ephemeral" } },
  ];
}

/**
 * `--system-prompt` replaces the static guidance (the environment block stays, as Claude Code keeps
 * its environment context); `--append-system-prompt` goes after a blank line at the very end.
 */
export function customizeSystemPrompt(blocks: SystemBlock[], custom: { replace?: string; append?: string }): SystemBlock[] {
  let out = blocks.map((b) => ({ ...b }));
  // An empty replacement leaves the environment block alone (the API refuses empty text blocks).
  if (custom.replace !== undefined && out[0]) out[0].text = custom.replace;
  out = out.filter((b) => b.text !== "");
  const last = out.at(-1);
  if (custom.append && last) last.text = `${last.text}\n\n${custom.append}`;
  return out;
}

/**
 * What an Agent SDK program gets when it sets no system prompt (Claude Code's "minimal default"):
 * enough to call tools, none of the coding guidance; the environment block follows it.
 */
export const SDK_DEFAULT_PROMPT = "You are nanocode, an agent run by a program through the Agent SDK. Do what you are asked with the tools you are given, and answer plainly.";
