// The permission engine: decides every tool call from the mode, the rules (deny > ask > allow),
// the shell analysis and the path guard, after PreToolUse hooks had their say; asks a person
// when it must (one prompt at a time), or refuses at once when nobody can answer.

import * as v from "valibot";
import { resolvePath } from "../fs/paths.ts";
import { resultText, type ToolResultBlock } from "../model/messages.ts";
import { toolResponse } from "../hooks/tool-response.ts";
import { describeCall } from "../registry/describe.ts";
import type { Tool } from "../registry/define.ts";
import { callExposure } from "./argument-paths.ts";
import { AskQueue, type AskRequest, type Asker } from "./ask.ts";
import { analyseCommand, type ShellAnalysis } from "./bash-readonly.ts";
import { exposureProblem } from "./exposure.ts";
import type { AfterCall, Decision, PermissionGate, PermissionMode, PermissionRequest } from "./gate.ts";
import { innerCommands } from "./inner-commands.ts";
import { localSettingsPath, saveAllowRules } from "./local-rules.ts";
import { PathGuard, protectedReason, realPath } from "./paths.ts";
import { RuleBook, toolPath } from "./rule-book.ts";
import { EDIT_TOOLS, fieldsOf, parseRule, READ_TOOLS, type Rule, ruleCoversTool } from "./rules.ts";
import type { SandboxSwitch } from "../sandbox/switch.ts";
import { commandVariants, suggestRules } from "./suggest.ts";

/** What PreToolUse hooks decided about a call (see src/hooks). */
export type PreToolVerdict = {
  decision?: "allow" | "deny" | "ask";
  /** The text the model gets when the hook denies or asks. */
  message?: string;
  updatedInput?: unknown;
  /** A hook said `continue: false`: the call is refused and the run ends, this telling the user why. */
  stop?: string;
  /** Texts hooks added for the model (additionalContext). */
  context?: string[];
};

/** What PermissionRequest hooks answered instead of the person. */
export type PermissionHookVerdict = { behavior: "allow"; input?: unknown } | { behavior: "deny"; message: string; interrupt?: boolean };

/** The PreToolUse, PostToolUse and PermissionRequest hooks of a session (src/hooks). */
export type ToolHooks = {
  permissionRequest?(call: { toolName: string; input: unknown; suggestions: string[] }, signal: AbortSignal): Promise<PermissionHookVerdict | undefined>;
  preToolUse(call: { toolName: string; input: unknown; toolUseId: string }, signal: AbortSignal): Promise<PreToolVerdict | undefined>;
  postToolUse(call: { toolName: string; input: unknown; toolUseId: string; response: unknown; durationMs: number; failure?: { error: string; interrupted: boolean } }, signal: AbortSignal): Promise<AfterCall>;
};

export type EngineOptions = {
  mode: PermissionMode;
  rules: Rule[];
  /** The directory the session started in: the project. */
  projectDir: string;
  additionalDirectories?: string[];
  /** Who answers prompts; none in print mode, where a call that would ask is refused. */
  asker?: Asker;
  hooks?: ToolHooks;
  /** Saves "don't ask again" rules; by default into .nanocode/settings.local.json. */
  saveRules?: (rules: string[]) => Promise<void>;
  home?: string;
  /** The OS sandbox: a Bash call it confines may run without asking (autoAllowBashIfSandboxed). */
  sandbox?: Pick<SandboxSwitch, "verdict">;
};

/**
 * `byRule`: an ask rule matched, which a hook's "allow" does not override (only deny and ask rules
 * outrank a hook). `personOnly`: no rule or mode can allow it (deny rules are at stake), only a person.
 */
type Verdict = { kind: "allow" } | { kind: "deny"; message: string } | { kind: "ask"; reason: string; suggestions: string[]; byRule?: boolean; personOnly?: boolean };

const allow: Verdict = { kind: "allow" };

export class PermissionEngine implements PermissionGate {
  mode: PermissionMode;
  readonly rules: Rule[];
  readonly paths: PathGuard;
  /** The rules looked up by behavior (the sandbox reads the paths and domains they name). */
  readonly book: RuleBook;
  /** The `--add-dir`s and `additionalDirectories` in effect, absolute (as the init message lists them). */
  readonly additionalDirectories: string[];
  private readonly queue = new AskQueue();

  constructor(private readonly options: EngineOptions) {
    this.mode = options.mode;
    this.rules = [...options.rules];
    this.additionalDirectories = (options.additionalDirectories ?? []).map((d) => resolvePath(options.projectDir, d));
    this.book = new RuleBook(this.rules, { projectDir: options.projectDir, home: options.home });
    this.paths = new PathGuard([options.projectDir, ...this.additionalDirectories], () => this.book.readDenyPatterns());
  }

  withMode(mode: (current: PermissionMode) => PermissionMode): PermissionGate {
    // A view, not a copy: its rules, remembered answers and prompt queue are this engine's.
    return Object.defineProperty(Object.create(this) as PermissionEngine, "mode", { get: () => mode(this.mode) });
  }

  /** A deny rule on the whole tool (`Bash`, `Edit`, `mcp__server`): no call of it can run, so it need not be offered. */
  deniesEntirely(toolName: string): boolean {
    return this.rules.some((r) => r.behavior === "deny" && r.specifier === undefined && ruleCoversTool(r.tool, toolName));
  }

  canRead(path: string): boolean {
    return this.paths.deniedBy(path) === undefined;
  }

  async check(request: PermissionRequest, signal: AbortSignal): Promise<Decision> {
    // Files may have been created, linked or moved since the last call.
    this.paths.deniedFiles.forget();
    const hook = await this.options.hooks?.preToolUse({ toolName: request.tool.name, input: request.input, toolUseId: request.toolUseId }, signal);
    const decision = await this.decide(request, hook, signal);
    return hook?.context ? { ...decision, context: hook.context } : decision;
  }

  /** The decision once PreToolUse hooks have had their say. */
  private async decide(request: PermissionRequest, hook: PreToolVerdict | undefined, signal: AbortSignal): Promise<Decision> {
    const { tool, cwd } = request;
    let input = request.input;
    if (hook) {
      if (hook.updatedInput !== undefined) {
        // Checked before the rules see it: a command that is not a string is the hook's mistake, not a call to judge.
        const checked = v.safeParse(tool.input, hook.updatedInput);
        if (!checked.success) {
          const issue = checked.issues[0];
          return { behavior: "deny", message: `${tool.name} did not run: a PreToolUse hook replaced its input with one it does not take (${v.getDotPath(issue) ?? "input"}: ${issue.message}); the hook needs fixing.` };
        }
        input = hook.updatedInput;
      }
      if (hook.decision === "deny") return { behavior: "deny", message: hook.message ?? `${tool.name} was blocked by a PreToolUse hook.`, input, ...(hook.stop !== undefined ? { stop: hook.stop } : {}) };
    }
    const changed = input !== request.input ? { input } : {};
    let verdict = await this.evaluate(tool, input, request.readOnly, cwd, request.granted === true);
    if (verdict.kind === "deny") return { behavior: "deny", message: verdict.message, ...changed };
    if (hook?.decision === "allow" && !(verdict.kind === "ask" && verdict.byRule)) return { behavior: "allow", ...changed };
    if (hook?.decision === "ask") verdict = { kind: "ask", reason: hook.message ?? "a PreToolUse hook asks for confirmation", suggestions: [] };
    if (verdict.kind === "allow") return { behavior: "allow", ...changed };
    return this.askPerson(tool, input, verdict, cwd, hook?.decision === "ask", signal);
  }

  async after(call: { tool: Tool; input: unknown; toolUseId: string; result: ToolResultBlock; durationMs: number; interrupted?: boolean }, signal: AbortSignal): Promise<AfterCall> {
    if (!this.options.hooks) return { context: [] };
    const failure = call.result.is_error ? { error: resultText(call.result), interrupted: call.interrupted === true } : undefined;
    return this.options.hooks.postToolUse({ toolName: call.tool.name, input: call.input, toolUseId: call.toolUseId, response: toolResponse(call.tool.name, call.result), durationMs: call.durationMs, failure }, signal);
  }

  /** A tool's own yes/no question (ToolContext.ask), through the same one-at-a-time prompt. False when nobody can answer. */
  async ask(request: { tool: Tool; question: string; toolUseId: string }, signal: AbortSignal): Promise<boolean> {
    const asker = this.options.asker;
    if (!asker) return false;
    const { tool, question } = request;
    const answer = await this.queue.run(() => asker.ask({ toolName: tool.name, input: {}, title: tool.name, detail: question, reason: question, suggestedRules: [] }, signal));
    return answer.answer !== "no";
  }

  /** `granted`: an active skill's allowed-tools covers the call, which counts as an allow rule. */
  private async evaluate(tool: Tool, input: unknown, readOnly: boolean, cwd: string, granted = false): Promise<Verdict> {
    const name = tool.name;
    const command = fieldsOf(input).command;
    const shell = name === "Bash" ? (typeof command === "string" ? await analyseCommand(command, cwd) : undefined) : undefined;
    if (name === "Bash" && !shell) return { kind: "ask", reason: "the command is not a string", suggestions: [] };

    // Deny and ask rules see every command bash would run, those other programs run included.
    const inner = shell && this.book.hasBashSpecifiers("deny", "ask") ? await innerCommands(shell, cwd) : undefined;
    const variants = shell ? [...commandVariants(command as string, shell), ...(inner?.texts ?? [])] : [];
    const denied = shell ? this.book.bash("deny", variants) : this.book.find("deny", name, input, cwd);
    if (denied) return { kind: "deny", message: `Permission to use ${describeCall(name, input)} has been denied by the rule ${denied.text} (${denied.source}).` };
    // Sandboxed, the kernel keeps the command inside: deny and ask rules still apply, the read-only analysis need not.
    const boxed = shell && (await this.options.sandbox?.verdict(command as string, shell, fieldsOf(input).dangerouslyDisableSandbox === true));
    if (boxed?.runs === "refused") return { kind: "deny", message: boxed.message };
    // A deny rule cannot be checked against what the analyser could not read: a person decides,
    // even in bypassPermissions mode.
    const unreadable = shell && (!shell.understood || shell.parts.some((p) => p.program === undefined) ? (shell.why ?? "part of the command is not fixed text") : inner?.unreadable);
    if (unreadable && this.book.hasBashSpecifiers("deny")) {
      return { kind: "ask", reason: `${unreadable}, so the Bash deny rules cannot be checked against it`, suggestions: [], personOnly: true };
    }
    const hidden = shell && this.paths.shellReadDenied(shell.reads);
    if (hidden) return { kind: "deny", message: `Permission to read ${hidden.path} has been denied: a deny rule hides ${hidden.pattern}.` };
    if (READ_TOOLS.has(name)) {
      const path = toolPath(name, input, cwd);
      const hidden = path && this.paths.deniedBy(path);
      if (hidden) return { kind: "deny", message: `Permission to read ${path} has been denied: a deny rule hides ${hidden}.` };
    }
    const exposed = await callExposure(this.paths, { name, input, shell, bases: [cwd, this.options.projectDir] });
    if (exposed && "denied" in exposed) return { kind: "deny", message: `Permission to use ${describeCall(name, input)} has been denied: it names ${exposed.path}, which the deny rule for ${exposed.denied} hides.` };
    const readsOnly = shell ? shell.readOnly && !this.shellReadsProblem(shell) : readOnly;
    if (this.mode === "plan" && !readsOnly) {
      return { kind: "deny", message: `${describeCall(name, input)} is not allowed in plan mode: only read-only tools may run until the plan is approved.` };
    }
    const asked = shell ? this.book.bash("ask", variants) : this.book.find("ask", name, input, cwd);
    const suggestions = suggestRules(name, input, shell, this.options.projectDir);
    if (asked) return { kind: "ask", reason: `the rule ${asked.text} (${asked.source}) asks for confirmation`, suggestions, byRule: true };
    // What may copy or show a denied file is for a person to allow, even in bypassPermissions mode.
    if (exposed) return { kind: "ask", reason: exposed.ask, suggestions: [], personOnly: true };
    if (this.mode === "bypassPermissions") return allow;
    if (boxed?.runs === "sandboxed" && boxed.autoAllow) return allow;
    if (shell) return this.shellVerdict(command as string, shell, suggestions, granted);
    if (EDIT_TOOLS.has(name)) return this.editVerdict(name, input, cwd, suggestions, granted);
    if (readOnly || granted || this.book.find("allow", name, input, cwd)) return allow;
    return { kind: "ask", reason: `${name} can change things outside the conversation`, suggestions };
  }

  private shellVerdict(command: string, shell: ShellAnalysis, suggestions: string[], granted: boolean): Verdict {
    const ask = (reason: string): Verdict => ({ kind: "ask", reason, suggestions });
    if (!shell.understood) {
      // Only a rule written for exactly this text may approve what the analyser cannot take apart.
      const exact = this.rules.find((r) => r.behavior === "allow" && r.tool === "Bash" && r.specifier === command.trim());
      return exact ? allow : ask(shell.why ?? "the command could not be analysed");
    }
    const unapproved = shell.parts.find((part) => !part.readOnly && !granted && !this.book.bash("allow", [part.text]));
    if (unapproved) return ask(unapproved.why ?? `${unapproved.text} is not read-only`);
    // Redirections write files: fine for a command a rule approves (inside the working directories),
    // never on the strength of the read-only analysis alone.
    const approvedByRule = shell.parts.some((part) => !part.readOnly);
    if (shell.writes.length > 0 && !approvedByRule) return ask(shell.why ?? "it redirects output to a file");
    for (const target of shell.writes) {
      if (target === undefined) return ask("it writes to a file only the shell knows");
      const why = this.writeProblem(target);
      if (why) return ask(why);
    }
    // What it reads may still be a secret; an allow rule for every part vouches for that too.
    const vouched = granted || shell.parts.every((part) => this.book.bash("allow", [part.text]));
    const problem = this.shellReadsProblem(shell, (part) => part.readOnly, vouched) ?? (vouched ? undefined : exposureProblem(shell, this.paths));
    return problem ? ask(problem) : allow;
  }

  /**
   * Why a command the analysis calls read-only may still do more: a program PATH finds inside the
   * working directories (only for the parts `checked`: a rule vouches for the others), git in a
   * repository whose config runs a program (unless rules allow every part: `vouched`; a git-crypt
   * repository's textconv is then the user's choice), a read a deny rule covers.
   */
  private shellReadsProblem(shell: ShellAnalysis, checked: (part: ShellAnalysis["parts"][number]) => boolean = () => true, vouched = false): string | undefined {
    return this.paths.programProblem(shell.parts.filter(checked)) ?? (vouched ? undefined : this.paths.gitProblem(shell.reads)) ?? this.paths.shellReadProblem(shell.reads);
  }

  /** Why a write to this path needs asking even when the command itself is approved. */
  private writeProblem(path: string): string | undefined {
    const real = realPath(path);
    const guarded = protectedReason(real) ?? protectedReason(path);
    if (guarded) return `${path}: ${guarded}`;
    if (!this.paths.insideWorkingDirs(real)) return `${path} is outside the working directories`;
    const denied = this.book.find("deny", "Edit", { file_path: path }, this.options.projectDir);
    return denied ? `${path} is covered by the deny rule ${denied.text}` : undefined;
  }

  private editVerdict(name: string, input: unknown, cwd: string, suggestions: string[], granted: boolean): Verdict {
    const path = toolPath(name, input, cwd);
    if (!path) return { kind: "ask", reason: `${name} has no file path`, suggestions };
    const real = realPath(path);
    const guarded = protectedReason(real) ?? protectedReason(path);
    if (guarded) return { kind: "ask", reason: guarded, suggestions: [] };
    if (granted || this.book.find("allow", name, input, cwd)) return allow;
    const inside = this.paths.insideWorkingDirs(real);
    if (inside && this.mode === "acceptEdits") return allow;
    return { kind: "ask", reason: inside ? "file edits need approval in this mode" : `${path} is outside the working directories (${this.paths.workingDirs.join(", ")})`, suggestions };
  }

  private askPerson(tool: Tool, input: unknown, verdict: Verdict & { kind: "ask" }, cwd: string, fromHook: boolean, signal: AbortSignal): Promise<Decision> {
    const changed = { input };
    // dontAsk refuses at once, as print mode does, where nobody is there to answer.
    const asker = this.mode === "dontAsk" ? undefined : this.options.asker;
    if (!asker) {
      if (fromHook) return Promise.resolve({ behavior: "deny", message: verdict.reason, ...changed });
      return Promise.resolve({ behavior: "deny", message: unaskedMessage(describeCall(tool.name, input), verdict, this.options.asker ? "the permission mode is dontAsk" : "nanocode is running non-interactively"), ...changed });
    }
    return this.queue.run(async () => {
      // An earlier answer ("don't ask again") may cover this call by now.
      if (!fromHook) {
        const again = await this.evaluate(tool, input, false, cwd);
        if (again.kind === "allow") return { behavior: "allow", ...changed };
        if (again.kind === "deny") return { behavior: "deny", message: again.message, ...changed };
      }
      const hooked = await this.options.hooks?.permissionRequest?.({ toolName: tool.name, input, suggestions: verdict.suggestions }, signal);
      if (hooked?.behavior === "allow") return { behavior: "allow", input: hooked.input ?? input };
      if (hooked) return { behavior: "deny", message: hooked.message, ...changed, ...(hooked.interrupt ? { stop: hooked.message } : {}) };
      const command = fieldsOf(input).command;
      const request: AskRequest = {
        toolName: tool.name,
        input,
        title: describeCall(tool.name, input),
        detail: typeof command === "string" ? command : (toolPath(tool.name, input, cwd) ?? ""),
        reason: verdict.reason,
        suggestedRules: verdict.suggestions,
      };
      const answer = await asker.ask(request, signal);
      if (answer.answer === "no") {
        const said = answer.reason ? ` They said: ${answer.reason}` : "";
        return { behavior: "deny", message: `The user declined ${request.title}, so it was not run.${said} Do not retry it; wait for the user or try another way.`, ...changed };
      }
      if (answer.answer === "always" && answer.rules.length > 0) await this.remember(answer.rules);
      return { behavior: "allow", ...changed };
    });
  }

  /** Adds "don't ask again" rules to this session and saves them for the next. */
  private async remember(texts: string[]): Promise<void> {
    for (const text of texts) {
      const parsed = parseRule(text);
      if (typeof parsed !== "string") this.rules.push({ behavior: "allow", text, source: "your answer", ...parsed });
    }
    const save = this.options.saveRules ?? ((rules) => saveAllowRules(localSettingsPath(this.options.projectDir), rules));
    await save(texts);
  }
}


function unaskedMessage(title: string, verdict: { reason: string; suggestions: string[]; personOnly?: boolean }, why: string): string {
  if (verdict.personOnly) return `Permission to run ${title} was denied: it needs approval (${verdict.reason}), and ${why}, so nobody can approve it. Only a person can: run it in an interactive session, or change the command.`;
  const how = verdict.suggestions.length > 0 ? `rerun with --allowedTools "${verdict.suggestions.join(",")}" or add ${verdict.suggestions.map((s) => JSON.stringify(s)).join(", ")} to permissions.allow in .nanocode/settings.json` : "rerun with a --permission-mode that allows it or --dangerously-skip-permissions";
  return `Permission to run ${title} was denied: it needs approval (${verdict.reason}), and ${why}, so nobody can approve it. To allow it, ${how}.`;
}
