import pkg from "../../package.json" with { type: "json" };
import type { Asker } from "../permissions/ask.ts";
import type { PromptInfo } from "../registry/command-api.ts";
import type { CommandInfo } from "../ui/completion.ts";
import { replCommandUI } from "../ui/command-host.ts";
import { lineDispatcher } from "../ui/dispatch.ts";
import { pastTurns } from "../ui/past-turns.ts";
import { Repl } from "../ui/repl.ts";
import type { Options } from "./args.ts";
import { findSession } from "../session/list.ts";
import { createSession, type Workspace } from "./setup.ts";
import { preparePrompt } from "./slash.ts";

/** `nanocode` on a terminal: the interactive session. Loaded only then, so print mode never pays for the UI. */
export async function startRepl(options: Options, workspace: Workspace, cwd: string): Promise<number> {
  const { registry, skills } = workspace;
  // The engine is built before the REPL that answers its questions: ask through a late binding.
  let repl: Repl | undefined;
  const asker: Asker = { ask: (request, signal) => repl!.asker.ask(request, signal) };
  // Hook and MCP notices belong in the transcript (a write to stderr would tear the live rows);
  // those of SessionStart hooks come before the REPL exists, and are shown once it does.
  const early: string[] = [];
  const notify = (line: string) => (repl ? repl.notice(line) : early.push(line));
  const fresh = { ...options, resume: undefined, continue: false, forkSession: false, sessionId: undefined };
  // A bare --resume, or one that names no session (Claude Code takes it as a search term): the
  // /resume picker opens first, in a new session until one is picked; --fork-session forks that one.
  const picking = options.resume === true || (options.resume !== undefined && !findSession(cwd, options.resume));
  let forkPicked = picking && options.forkSession;
  const open = (resume?: string) => {
    const fork = resume !== undefined && forkPicked;
    forkPicked = false;
    // --session-id names the session the picker forks; a later /clear or /resume gets ids of its own.
    return createSession(resume ? { ...fresh, resume, forkSession: fork, sessionId: fork ? options.sessionId : undefined } : fresh, workspace, cwd, { asker, notify, cleared: !resume });
  };

  const prompts = (): PromptInfo[] => skills.forUser().map((item) => ({ name: item.name, title: item.frontmatter.name, description: item.description, kind: item.kind, source: item.source, argumentHint: item.frontmatter["argument-hint"] }));
  const commands = (): CommandInfo[] => [
    ...registry.listCommands().map(({ command }) => ({ name: command.name, description: command.description, argumentHint: command.argumentHint })),
    ...prompts(),
    ...(repl?.mcp?.promptCommands() ?? []).map((name) => ({ name, description: "MCP prompt" })),
  ];
  const dispatch: { handle?: ReturnType<typeof lineDispatcher> } = {};
  const opened = await createSession(picking ? fresh : options, workspace, cwd, { asker, notify });
  repl = new Repl({ opened, commands, handleLine: (text, r) => dispatch.handle!(text, r), version: pkg.version });
  dispatch.handle = lineDispatcher(registry, replCommandUI(repl, open), async (text, signal) => {
    const current = repl!;
    return preparePrompt(text, { session: current.session, skills: current.skills, registry, mcp: current.mcp, signal });
  }, prompts);
  if (opened.session.messages.length) repl.print(pastTurns(opened.session.messages, repl.style, repl.columns, cwd));
  for (const line of early.splice(0)) repl.notice(line);
  const pick = picking ? [`/resume${options.resume === true ? "" : ` ${options.resume}`}`] : [];
  return repl.run(...pick, options.positional.join(" "));
}
