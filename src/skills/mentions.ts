import { stat } from "node:fs/promises";
import type { FileState } from "../fs/file-state.ts";
import { displayPath, resolvePath } from "../fs/paths.ts";
import { numberedLines } from "../fs/numbered-lines.ts";
import { looksBinary } from "../fs/text-file.ts";
import type { AgentSession } from "../agent/session.ts";
import type { TextBlock } from "../model/messages.ts";
import { argumentPaths } from "../permissions/argument-paths.ts";

const MAX_LINES = 2000;
const MAX_BYTES = 256 * 1024;

export type MentionOptions = {
  cwd: string;
  /** Attached files count as read, so the model may Edit them without reading them again. */
  files?: FileState;
  /** Reads `@server:uri` (an MCP resource); undefined when `server` is not an MCP server. */
  resource?: (server: string, uri: string) => Promise<TextBlock[] | undefined>;
  /** Whether deny rules let the model see this file (the session's permission gate decides). */
  canRead: (path: string) => boolean;
  /** Told in one line of each mention left out because a deny rule hides it. */
  refused: (line: string) => void;
  /** Each file as a Read call and its result (a custom command's @file, as Claude Code attaches it), rather than a quoted block. */
  asReadCall?: boolean;
};

/** Mentions as `session` attaches them: its files, its permission gate, its notices. */
export function sessionMentions(session: AgentSession, resource?: MentionOptions["resource"]): MentionOptions {
  return {
    cwd: session.env.cwd,
    files: session.env.files,
    resource,
    canRead: (path) => session.deps.permissions.canRead?.(path) ?? true,
    refused: (line) => session.notice(line),
  };
}

/** Whether a deny rule hides what `@word` names; says so in one line when it does. */
function hidden(word: string, paths: string[], options: MentionOptions): boolean {
  const path = paths.find((p) => !options.canRead(p));
  if (path) options.refused(`@${word} was not attached: a Read deny rule hides ${displayPath(options.cwd, path)}`);
  return path !== undefined;
}

/** The `@…` words of a prompt, without trailing punctuation; `@"a path with spaces"` works too. */
export function mentionsIn(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/(?:^|\s)@(?:"([^"\n]+)"|(\S+))/g)) {
    const word = match[1] ?? match[2]!.replace(/[.,;!?)\]]+$/, "");
    if (word) found.add(word);
  }
  return [...found];
}

async function attachFile(word: string, options: MentionOptions): Promise<TextBlock[]> {
  const path = resolvePath(options.cwd, word);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile() || hidden(word, [path], options)) return [];
  const bytes = await Bun.file(path).bytes();
  if (looksBinary(bytes)) return [];
  const text = new TextDecoder().decode(bytes.subarray(0, MAX_BYTES));
  const lines = text.split("\n");
  const partial = bytes.length > MAX_BYTES || lines.length > MAX_LINES;
  const shown = lines.slice(0, MAX_LINES).join("\n");
  options.files?.record(path, bytes, info.mtimeMs, partial);
  if (options.asReadCall) return readCall(path, text);
  const note = partial ? `\n(cut at ${MAX_LINES} lines / ${MAX_BYTES / 1024} KB: Read the rest with offset)` : "";
  return [{ type: "text", text: `Contents of ${displayPath(options.cwd, path)} (mentioned as @${word}):\n\`\`\`\n${shown}\n\`\`\`${note}` }];
}

const reminder = (text: string): TextBlock => ({ type: "text", text: `<system-reminder>\n${text}\n</system-reminder>` });

/** A file as if the model had called Read on it: the call, then its result (numbered lines, as Read gives them). */
function readCall(path: string, text: string): TextBlock[] {
  const view = numberedLines(text, undefined, undefined);
  const result = "error" in view ? view.error : view.content;
  return [reminder(`Called the Read tool with the following input: ${JSON.stringify({ file_path: path })}`), reminder(`Result of calling the Read tool:\n${result}`)];
}

/**
 * The blocks to attach for the `@file` and `@server:uri` mentions of a prompt (or of a custom
 * command's body): each existing file's text, each MCP resource's contents. Words that name
 * nothing (an e-mail address, a decorator) are left alone.
 */
export async function attachMentions(text: string, options: MentionOptions): Promise<TextBlock[]> {
  const blocks = await Promise.all(
    mentionsIn(text).map(async (word) => {
      const resource = /^([A-Za-z0-9_-]+):(.+)$/.exec(word);
      if (resource && options.resource) {
        if (hidden(word, argumentPaths({ uri: resource[2] }, [options.cwd]), options)) return [];
        const read = await options.resource(resource[1]!, resource[2]!);
        if (read) return read;
      }
      return attachFile(word, options);
    }),
  );
  return blocks.flat();
}
