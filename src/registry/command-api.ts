// What a slash command may ask of the session it runs in (CommandSession in ./define.ts, both
// modes) and of the person at the keyboard (CommandUI: the REPL only). Types only.

import type { Message } from "../model/messages.ts";
import type { AgentType } from "./agent-api.ts";

export type { Message };

export type Paint = (text: string) => string;
/** Colours and emphasis; each returns its text unchanged when colour is off (NO_COLOR, not a terminal). */
export type CommandStyle = Record<"bold" | "dim" | "italic" | "red" | "green" | "yellow" | "blue" | "magenta" | "cyan" | "gray" | "inverse", Paint> & { readonly color: boolean };

export type Choice = { label: string; description?: string };

export interface CommandUI {
  readonly style: CommandStyle;
  /** Width of the terminal, in columns. */
  readonly columns: number;
  /** Asks the user to pick one option; undefined when dismissed. */
  choose(title: string, options: Choice[]): Promise<number | undefined>;
  /** Puts text into the input box for the user to edit and send. */
  setInput(text: string): void;
  /** Opens a file in the user's $EDITOR (the REPL waits for it to close). */
  edit(path: string): Promise<void>;
  /** Markdown rendered for the terminal. */
  markdown(text: string): string;
  /** A coloured line diff of two texts. */
  diff(before: string, after: string): string;
  /** Ends the REPL. */
  exit(): void;
  readonly permissionMode: string;
  /** Throws for an unknown mode. */
  setPermissionMode(mode: string): void;
  /** Earlier sessions of this directory, most recent first. */
  sessions(): SessionSummary[];
  /** Starts a new, empty conversation (a new session id). */
  clear(): Promise<void>;
  /** Continues an earlier session by id in place of this one, showing its last turns. */
  resume(id: string): Promise<void>;
}

/** A skill or Markdown command the user can run as /name (they live outside the registry). */
/** `title`: a skill's frontmatter `name`, shown beside its id (its folder's name) when they differ. */
export type PromptInfo = { name: string; title?: string; description: string; kind: "skill" | "command"; source: string; argumentHint?: string };
export type AgentTypeInfo = Omit<AgentType, "readOnly">;

export type McpServerInfo = { name: string; status: "pending" | "connected" | "failed" | "disabled"; error?: string; tools: number; scope: string };

/** A language server of the session: `idle` until a file of its language comes up. */
export type LspServerInfo = { name: string; command: string; root?: string; extensions: string[]; origin: string; state: "idle" | "starting" | "running" | "failed"; error?: string; files: string[] };

export type ModelChoice = { id: string; alias?: string; contextWindow: number };
export type SessionSummary = { id: string; title: string; modifiedAt: Date; current: boolean };
/** `files`: each settings file that exists, with its own valid fields (permission rules are read per file). */
export type LoadedSettingsView = { merged: Record<string, unknown>; files: { scope: string; path: string; settings: Record<string, unknown> }[]; problems: string[] };
/** A prompt the user sent, as /rewind offers it: `index` into `messages`. */
export type UserTurn = { index: number; text: string };

/** The OS sandbox of the session's Bash commands, for /sandbox and /doctor. */
export interface SandboxControl {
  readonly enabled: boolean;
  /** Sandboxed commands run without a prompt (autoAllowBashIfSandboxed). */
  readonly autoAllow: boolean;
  /** Applies to this session, and is saved in .nanocode/settings.local.json for the next ones (as Claude Code's /sandbox does). */
  set(choice: { enabled: boolean; autoAllow?: boolean }): Promise<void>;
  /** Whether it can run on this machine: the program it uses, or why not. */
  availability(): Promise<{ available: true; program: string } | { available: false; why: string }>;
  /** The policy in words: what is writable and hidden, which hosts, which commands run outside. */
  describe(): Promise<string[]>;
}

/** What commands learn of, and change in, the conversation beyond cost and context (see CommandSession). */
export interface SessionFacts {
  /** The folder of this session's side files (undo history, large outputs). */
  readonly sessionDir: string;
  readonly model: string;
  /** Switches model for the next requests; takes an alias or an id, returns the id. */
  setModel(nameOrAlias: string): string;
  readonly models: readonly ModelChoice[];
  readonly messages: readonly Message[];
  /** The prompts the user sent, oldest first. */
  userTurns(): UserTurn[];
  /**
   * Goes back to before the prompt at `index`: drops it and everything after it from the
   * conversation (when `conversation`), and undoes the file edits made since (when `files`).
   * Returns one line per file restored.
   */
  rewind(index: number, options: { conversation: boolean; files: boolean }): Promise<string[]>;
  /** Settings as loaded: the merged values, the files they came from, and problems found. */
  readonly settings: LoadedSettingsView;
  /** Memory files `#` and /memory write to (the project's and the user's), existing or not. */
  memoryFiles(): { label: string; path: string }[];
  /** The sub-agent types the model may start, read again from their files (as Claude Code's /agents loads new ones), and the files' problems. */
  agentTypes(): Promise<{ types: AgentTypeInfo[]; problems: string[] }>;
  /** The MCP servers of the session and how they are doing. */
  mcpServers(): McpServerInfo[];
  /** The language servers the project may use, and how they are doing. */
  lspServers(): LspServerInfo[];
  /**
   * `nanocode plugin <words>` run from the session (`list` when none): its answer as text. Changes
   * (install, enable, disable) apply to the next session.
   */
  plugins(words: string[]): Promise<string>;
  /** The OS sandbox; absent where the session has none (an SDK-made session). */
  readonly sandbox?: SandboxControl;
}
