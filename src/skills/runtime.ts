import type { CallScope } from "../agent/executor.ts";
import type { AgentSession } from "../agent/session.ts";
import { runToEnd } from "../agent/subagent.ts";
import type { TextBlock, UserMessage } from "../model/messages.ts";
import { modelNamed } from "../model/provider.ts";
import { describeCall } from "../registry/describe.ts";
import type { Skills } from "../registry/agent-api.ts";
import type { ToolContext, ToolOutput } from "../registry/define.ts";
import { exec } from "../registry/exec.ts";
import { fieldsOf } from "../permissions/rules.ts";
import { allowing } from "./allowed-tools.ts";
import { dirname, relative } from "node:path";
import { ancestry } from "../config/extension-dirs.ts";
import { loadNestedSkills, type PromptCommand, type SkillCatalog, skillDir } from "./catalog.ts";
import { matchingRules, type PathScoped } from "../context/rules.ts";
import { renderTemplate } from "./expand.ts";
import { forkedCommand, forkFor, SkillError } from "./fork.ts";
import { attachMentions, type MentionOptions, sessionMentions } from "./mentions.ts";

export { SkillError };

const SHELL_TIMEOUT_MS = 120_000;

/** The block Claude Code puts before a command's text when the user types `/name args`. */
export const commandHeader = (name: string, args: string) =>
  `<command-message>${name}</command-message>\n<command-name>/${name}</command-name>\n<command-args>${args}</command-args>\n`;

export type Rendered = {
  /** The template filled in: what the model reads. */
  text: string;
  /** Files and resources the text mentions with @: each file as a Read call and its result, to go before the text. */
  attachments: TextBlock[];
  /** The model the template asks for, if any. */
  model?: string;
  /** Its `allowed-tools` when the user invoked it (none for the model): rules that let its calls run without asking while it is active. */
  allowed: string[];
  fork: boolean;
  /** The agent type a forked one runs as. */
  agent?: string;
};

type Waiting = PathScoped & { item: PromptCommand };

/**
 * Who started a skill or command. Only the user's own `/name` brings its `allowed-tools` and runs
 * its !`commands` as the user's choice; the model's Skill call (or an agent type it started, with
 * `skills:`) gets no more than the model's own Bash calls would.
 */
export type Invoker = "user" | "model";

type RenderOptions = {
  by: Invoker;
  /** The session whose gate, shell and files its !`commands` and @mentions use (a sub-agent's, for preloaded skills). */
  session?: AgentSession;
  /** A model-invoked !`command` the permissions refused: it is reported among the run's permission denials. */
  denied?: (command: string) => void;
};

/**
 * Runs the skills and Markdown commands of one session: renders a template (arguments,
 * !`commands` through the permission gate, @mentions), inline or in a forked sub-agent. An inline
 * one's `model` and `allowed-tools` hold for the rest of the turn it runs in (see TurnSettings); a
 * forked one's, for its sub-agent. A skill with `paths:` is offered once a matching file is touched.
 */
export class SkillRuntime {
  private session?: AgentSession;
  /** The `paths:` skills not offered yet, with their globs. */
  private waiting: Waiting[];
  private readonly matchers = new Map<Waiting, (path: string) => boolean>();
  /** Folders below the working directory already looked at for skills of their own. */
  private readonly looked = new Set<string>();

  constructor(
    readonly catalog: SkillCatalog,
    private readonly resource?: MentionOptions["resource"],
    /** Whether the folder is trusted: a repository's skills and commands grant their allowed-tools only then. */
    private readonly trusted = true,
  ) {
    this.waiting = catalog.pathScoped().map((item) => ({ item, root: item.root, globs: item.frontmatter.paths! }));
  }

  /** What the running turn's skills allow (the session's gate consults it). */
  get grants(): readonly string[] {
    return this.session?.turn.grants ?? [];
  }

  /** Completes the wiring once the session exists; files the session touches may bring skills in (`paths:`, a package's own). */
  attach(session: AgentSession): void {
    this.session = session;
    session.config.context?.memory.watch(async (path) => [...(await this.packageSkills(path)), ...(await this.touched(path))]);
  }

  /**
   * The skills of the folders between the working directory and a touched file (a monorepo
   * package's `.claude/skills/`), each folder looked at once and its skills announced once, as
   * Claude Code finds them. Those with `paths:` wait for a matching file like the others.
   */
  private async packageSkills(path: string): Promise<string[]> {
    const cwd = this.live.env.cwd;
    const folders = ancestry(dirname(path)).filter((dir) => dir.startsWith(`${cwd}/`) && !this.looked.has(dir));
    const lines: string[] = [];
    for (const folder of folders) {
      this.looked.add(folder);
      const { items, problems } = await loadNestedSkills(folder, { cwd });
      for (const problem of problems) this.live.notice(problem);
      const added = this.catalog.add(items, relative(cwd, folder));
      this.waiting.push(...added.filter((item) => item.frontmatter.paths?.length).map((item) => ({ item, root: item.root, globs: item.frontmatter.paths! })));
      const offered = added.filter((item) => !item.frontmatter.paths?.length && !item.frontmatter["disable-model-invocation"]);
      if (offered.length) lines.push(`Skills of ${relative(cwd, folder)}, found as you worked there; run them with the Skill tool when the task calls for it:\n${offered.map((item) => `- ${item.name}: ${item.description}`).join("\n")}`);
    }
    return lines;
  }

  /** The `paths:` skills that `path` matches, announced once each (as Claude Code offers them on touch). */
  private async touched(path: string): Promise<string[]> {
    if (this.waiting.length === 0) return [];
    const found = await matchingRules(this.waiting, path, this.matchers);
    if (found.length === 0) return [];
    this.waiting = this.waiting.filter((w) => !found.includes(w));
    return found.map(({ item, globs }) => `The skill "${item.name}" applies to files like ${path} (paths: ${globs.join(", ")}): ${item.description}\nWhen the task calls for it, run it with the Skill tool (skill: "${item.name}").`);
  }

  private get live(): AgentSession {
    if (!this.session) throw new Error("SkillRuntime used before attach()");
    return this.session;
  }

  async render(item: PromptCommand, args: string, signal: AbortSignal, { by, session = this.live, denied }: RenderOptions): Promise<Rendered> {
    const dir = await skillDir(item);
    // The user typed it, and it is theirs or the folder is trusted: a cloned repository's command is not their consent.
    const withheld = by === "user" && item.repository === true && !this.trusted;
    const allowed = by === "user" && !withheld ? (item.frontmatter["allowed-tools"] ?? []) : [];
    const gate = allowing(session.deps.permissions, () => allowed);
    const bash = session.deps.registry.tool("Bash");
    const shell = async (command: string) => {
      if (!bash) throw new SkillError(`/${item.name} needs the Bash tool for !\`${command}\`, which this session does not have`);
      const decision = await gate.check({ tool: bash, input: { command }, readOnly: false, toolUseId: `skill-${item.name}`, cwd: session.env.cwd }, signal);
      if (decision.behavior === "deny" && by === "user") {
        const how = withheld ? `the folder is not trusted, so the allowed-tools of ${item.source} do not apply (pass --trust, or trust the folder in the REPL)` : `add "Bash(${command.split(" ")[0]}:*)" to the allowed-tools of ${item.source}, or allow it in settings`;
        throw new SkillError(`/${item.name}: ${describeCall("Bash", { command })} was not allowed to run: ${how}`);
      }
      if (decision.behavior === "deny") {
        denied?.(command);
        return `[!\`${command}\` was not run: ${decision.message.replace(/\s*\n\s*/g, " ")}]`;
      }
      // A PreToolUse hook may have rewritten the command: what runs is what was approved, as for a Bash call.
      const approved = fieldsOf(decision.input).command;
      const { stdout, stderr, exitCode } = await exec(typeof approved === "string" ? approved : command, { cwd: session.env.cwd, signal, timeoutMs: SHELL_TIMEOUT_MS });
      const output = `${stdout}${stderr}`.replace(/\s+$/, "");
      // As in Claude Code, a command whose context could not be gathered is not sent half-made: it stops here, saying why.
      if (exitCode !== 0) throw new SkillError(`/${item.name}: !\`${command}\` failed (${exitCode === null ? "killed" : `exit code ${exitCode}`})${output ? `: ${output.slice(0, 2000)}` : ""}`);
      return output;
    };
    const body = await renderTemplate(item.body, args, { sessionId: session.id, skillDir: dir }, shell);
    const text = item.kind === "skill" ? `Base directory for this skill: ${dir}\n\n${body}` : body;
    const attachments = await attachMentions(body, { ...sessionMentions(session, this.resource), asReadCall: true });
    const model = item.frontmatter.model && item.frontmatter.model !== "inherit" ? modelNamed(session.deps.provider, item.frontmatter.model) : undefined;
    return { text, attachments, model, allowed, fork: item.frontmatter.context === "fork", agent: item.frontmatter.agent };
  }

  /**
   * The user message for `/name args` typed by the user, laid out as Claude Code does. An inline
   * one's model and allowed tools are the next turn's (the one this message starts).
   */
  async userMessage(item: PromptCommand, args: string, signal: AbortSignal): Promise<{ message: UserMessage; rendered: Rendered }> {
    const rendered = await this.render(item, args, signal, { by: "user" });
    const content: TextBlock[] = [{ type: "text", text: commandHeader(item.name, args) }, ...rendered.attachments, { type: "text", text: rendered.text }];
    if (!rendered.fork) this.live.nextTurn = { model: rendered.model, grants: [...rendered.allowed] };
    return { message: { role: "user", content }, rendered };
  }

  /**
   * The full text of the skills a sub-agent's type preloads (`skills:`), rendered as for `/name` in
   * the sub-agent's own session, for its first message. A skill that is missing or cannot render
   * is said so in its place, for the agent to report.
   */
  async preload(names: readonly string[], session: AgentSession, signal: AbortSignal): Promise<TextBlock[]> {
    const blocks: TextBlock[] = [];
    for (const name of names) {
      const item = this.catalog.get(name);
      if (!item) {
        blocks.push({ type: "text", text: `The skill "${name}" that this agent type preloads does not exist.` });
        continue;
      }
      try {
        const rendered = await this.render(item, "", signal, { by: "model", session });
        blocks.push({ type: "text", text: commandHeader(item.name, "") }, ...rendered.attachments, { type: "text", text: rendered.text });
      } catch (error) {
        if (!(error instanceof SkillError)) throw error;
        blocks.push({ type: "text", text: error.message });
      }
    }
    return blocks;
  }

  /** `/name` of a forked skill: the session its turn runs in (see fork.ts). */
  forkedCommand(item: PromptCommand, args: string, rendered: Rendered): AgentSession {
    return forkedCommand(this.live, rendered, { type: "text", text: commandHeader(item.name, args) }, item.name);
  }

  /** The Skill tool's view of the runtime for one call: a forked skill's usage counts in that call's run. */
  forCall(call: CallScope): Skills {
    return { run: (name, args, ctx) => this.run(name, args, ctx, call) };
  }

  /** The Skill tool: inline, the instructions are attached after the result; forked, the sub-agent's report is the result. */
  async run(name: string, args: string, ctx: ToolContext, call?: CallScope): Promise<ToolOutput> {
    const item = this.catalog.get(name.replace(/^\//, ""));
    if (!item || item.frontmatter["disable-model-invocation"]) {
      const known = this.catalog.forModel().map((c) => c.name);
      return { content: `Unknown skill: ${name}. Available: ${known.join(", ") || "none"}`, isError: true };
    }
    let rendered: Rendered;
    let fork: ReturnType<typeof forkFor> | undefined;
    try {
      const denied = (command: string) => call?.denied({ tool_name: "Bash", tool_use_id: ctx.toolUseId, tool_input: { command } });
      rendered = await this.render(item, args, ctx.signal, { by: "model", denied });
      if (rendered.fork) fork = forkFor(this.live, rendered, item.name);
    } catch (error) {
      if (error instanceof SkillError) return { content: error.message, isError: true };
      throw error;
    }
    if (!fork) {
      // Its model answers the rest of this turn; its allowed-tools are not granted: the model cannot widen its own permissions.
      if (rendered.model) this.live.turn.model = rendered.model;
      return { content: `Launching skill: ${item.name}`, attach: [...rendered.attachments, { type: "text", text: rendered.text }] };
    }
    ctx.progress(`running skill ${item.name} in a sub-agent`);
    const prompt: UserMessage = { role: "user", content: [...rendered.attachments, { type: "text", text: rendered.text }] };
    const { session, agentId } = fork;
    const outcome = await runToEnd(session.send(prompt, ctx.signal), (event) => {
      if (event.type === "tool_start") ctx.progress(`${item.name}: ${describeCall(event.name, event.input)}`);
      // Its steps reach the run's stream like an Agent call's (stream-json: parent_tool_use_id).
      call?.emit({ type: "subagent", parentToolUseId: call.toolUseId, agentId, agentType: item.name, event });
    });
    for (const [model, usage] of Object.entries(outcome.modelUsage)) call?.spent(model, usage);
    if (outcome.isError) return { content: `Skill "${item.name}" failed in its sub-agent: ${outcome.result}`, isError: true };
    return { content: `Skill "${item.name}" ran in a sub-agent. Its report:\n\n${outcome.result}` };
  }
}
