// Claude Code's hooks: commands from settings run at points of a session, with JSON on stdin. Exit 0
// (stdout may be JSON with a decision), exit 2 blocks with stderr fed to the model, any other exit
// is an error shown to the user. The texts the model sees match Claude Code's word for word.

import * as v from "valibot";
import { compileMatcher } from "../config/hook-matcher.ts";
import { parseRuleText } from "../config/rule-syntax.ts";
import { type HookEvent, RAISED_EVENTS, UNBLOCKABLE } from "../config/hook-events.ts";
import type { HookMatcher, Settings } from "../config/settings.ts";
import type { PermissionHookVerdict, PreToolVerdict } from "../permissions/engine.ts";
import type { AfterCall, PermissionMode } from "../permissions/gate.ts";
import { DEFAULT_HOOK_TIMEOUT_S, type HookRun, runHookCommand } from "./command.ts";

/** What a hook may print on stdout (exit 0); anything else it prints is plain text. */
const HookOutput = v.looseObject({
  /** false: the run stops once the hooks have run (over any decision), `stopReason` telling the user why. */
  continue: v.optional(v.boolean()),
  stopReason: v.optional(v.string()),
  /** true: the hook's stdout is not shown in the --verbose transcript. */
  suppressOutput: v.optional(v.boolean()),
  systemMessage: v.optional(v.string()),
  decision: v.optional(v.string()),
  reason: v.optional(v.string()),
  hookSpecificOutput: v.optional(
    v.looseObject({
      permissionDecision: v.optional(v.picklist(["allow", "deny", "ask"])),
      permissionDecisionReason: v.optional(v.string()),
      updatedInput: v.optional(v.record(v.string(), v.unknown())),
      additionalContext: v.optional(v.string()),
      /** PostToolUse of an MCP tool: what the model gets instead of the tool's output. */
      updatedMCPToolOutput: v.optional(v.unknown()),
      /** PermissionRequest: the answer instead of the person's (`updatedPermissions` is not applied). */
      decision: v.optional(
        v.looseObject({
          behavior: v.picklist(["allow", "deny"]),
          updatedInput: v.optional(v.record(v.string(), v.unknown())),
          message: v.optional(v.string()),
          interrupt: v.optional(v.boolean()),
        }),
      ),
    }),
  ),
});
export type HookOutput = v.InferOutput<typeof HookOutput>;

/** `invalid`: stdout was a JSON object but not a hook's output (a wrong field), said in one line; it is then plain text. */
export type HookResult = HookRun & { output?: HookOutput; blocking: boolean; invalid?: string };

export type HookSession = {
  sessionId: string;
  transcriptPath: string;
  cwd: string;
  /** The project folder ($CLAUDE_PROJECT_DIR). */
  projectDir: string;
  mode: () => PermissionMode;
  /** Claude Code's effort level the session runs at (its thinking budget, see thinking.ts). */
  effort?: string;
};

/** What `continue: false` tells the user, if a hook of these said it: the run ends after the hooks. */
function haltOf(results: HookResult[], label: string): string | undefined {
  const halting = results.find((r) => r.output?.continue === false);
  if (!halting) return undefined;
  const why = halting.output?.stopReason?.trim();
  return `${label} hook stopped the run${why ? `: ${why}` : ""}`;
}

/** Claude Code's matcher (see hook-matcher.ts); one that does not compile was reported with its settings file and matches nothing. */
export function matcherMatches(matcher: string | undefined, value: string | undefined): boolean {
  const compiled = compileMatcher(matcher);
  return typeof compiled === "function" && compiled(value);
}

function parse(run: HookRun): HookResult {
  const result: HookResult = { ...run, blocking: run.code === 2 };
  const text = run.stdout.trim();
  if (run.code === 0 && text.startsWith("{")) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {}
    const parsed = json === undefined ? undefined : v.safeParse(HookOutput, json);
    if (parsed?.success) result.output = parsed.output;
    else if (parsed) result.invalid = `field "${v.getDotPath(parsed.issues[0]) ?? "?"}": ${parsed.issues[0].message}`;
  }
  return result;
}

export class Hooks {
  /** Claude Code's `prompt_id`: one per prompt the user submits, absent before the first. */
  private promptId?: string;

  constructor(
    private readonly config: NonNullable<Settings["hooks"]>,
    private readonly session: HookSession,
    /** One line for the user (a hook that failed, a hook's systemMessage). */
    private readonly notify: (line: string) => void,
    /** verbose: each hook's stdout is shown too (unless it says `suppressOutput`), as Claude Code's transcript mode does. */
    private readonly options: { verbose?: boolean; /** A plugin's hook command: its CLAUDE_PLUGIN_ROOT and CLAUDE_PLUGIN_DATA. */ commandEnv?: Map<string, Record<string, string>> } = {},
  ) {}

  /** A new prompt from the user: the hooks that follow carry its id. */
  startPrompt(): void {
    this.promptId = crypto.randomUUID();
  }

  /**
   * Runs every hook of `event` whose matcher fits, in parallel; `onResult` sees each as it ends.
   * The payload gets the common fields (session, transcript, cwd, prompt, mode, effort, event name).
   */
  async run(event: HookEvent, payload: Record<string, unknown>, signal?: AbortSignal, onResult?: (result: HookResult) => void): Promise<HookResult[]> {
    const field = RAISED_EVENTS[event];
    const target = field ? String(payload[field] ?? "") : undefined;
    const groups: HookMatcher[] = this.config[event] ?? [];
    const commands = new Map<string, number | undefined>();
    for (const group of groups) {
      if (field && !matcherMatches(group.matcher, target)) continue;
      for (const hook of group.hooks) if (!commands.has(hook.command)) commands.set(hook.command, hook.timeout);
    }
    if (commands.size === 0) return [];
    const withMode = event === "SessionStart" || event === "SessionEnd" ? {} : { permission_mode: this.session.mode() };
    const common = { session_id: this.session.sessionId, transcript_path: this.session.transcriptPath, cwd: this.session.cwd, ...(this.promptId ? { prompt_id: this.promptId } : {}), ...withMode, ...(this.session.effort ? { effort: { level: this.session.effort } } : {}) };
    const input = JSON.stringify({ ...common, hook_event_name: event, ...payload });
    const env = { ...(process.env as Record<string, string>), CLAUDE_PROJECT_DIR: this.session.projectDir, NANOCODE_PROJECT_DIR: this.session.projectDir, CLAUDE_CODE_SESSION_ID: this.session.sessionId, NANOCODE_SESSION_ID: this.session.sessionId };
    const label = target ? `${event}:${target}` : event;
    return Promise.all(
      [...commands].map(async ([command, timeoutS]) => {
        const result = parse(await runHookCommand(command, input, { cwd: this.session.projectDir, env: { ...env, ...this.options.commandEnv?.get(command) }, timeoutS, signal }));
        if (result.timedOut) this.notify(`${label} hook [${command}] timed out after ${timeoutS ?? DEFAULT_HOOK_TIMEOUT_S}s and was killed`);
        else if (result.code !== 0 && (result.code !== 2 || UNBLOCKABLE.has(event))) this.notify(`${label} hook [${command}] failed (exit ${result.code ?? "signal"}): ${result.stderr.trim().split("\n")[0] ?? ""}`);
        else if (result.code === 0 && this.options.verbose && result.stdout.trim() && !result.output?.suppressOutput) this.notify(`${label} hook [${command}]: ${result.stdout.trim()}`);
        if (result.invalid) this.notify(`${label} hook [${command}] printed JSON that is not hook output (${result.invalid}); it is ignored`);
        if (result.output?.systemMessage) this.notify(result.output.systemMessage);
        onResult?.(result);
        return result;
      }),
    );
  }

  /** PreToolUse: deny beats ask beats allow; the last updatedInput wins. */
  async preToolUse(call: { toolName: string; input: unknown; toolUseId: string }, signal: AbortSignal): Promise<PreToolVerdict | undefined> {
    const results = await this.run("PreToolUse", { tool_name: call.toolName, tool_input: call.input, tool_use_id: call.toolUseId }, signal);
    const verdict: PreToolVerdict = {};
    const prefix = `PreToolUse:${call.toolName} hook error: `;
    // continue: false also blocks the call: nothing runs once a hook has stopped the run.
    verdict.stop = haltOf(results, `PreToolUse:${call.toolName}`);
    for (const r of results) {
      const out = r.output;
      const decision = out?.hookSpecificOutput?.permissionDecision ?? (out?.decision === "block" ? "deny" : out?.decision === "approve" ? "allow" : undefined);
      const reason = out?.hookSpecificOutput?.permissionDecisionReason ?? out?.reason;
      if (out?.hookSpecificOutput?.updatedInput) verdict.updatedInput = out.hookSpecificOutput.updatedInput;
      const context = out?.hookSpecificOutput?.additionalContext;
      if (context) (verdict.context ??= []).push(`PreToolUse:${call.toolName} hook additional context: ${context}`);
      if (r.blocking) setDecision(verdict, "deny", `${prefix}[${r.command}]: ${r.stderr}`);
      else if (out?.continue === false || decision === "deny") setDecision(verdict, "deny", `${prefix}${reason ?? out?.stopReason ?? "denied"}`);
      else if (decision === "ask") setDecision(verdict, "ask", reason ?? `a PreToolUse hook asks before ${call.toolName} runs`);
      else if (decision === "allow") setDecision(verdict, "allow", reason);
    }
    return results.length > 0 ? verdict : undefined;
  }

  /**
   * After a call ran: PostToolUse, or PostToolUseFailure when it failed (`failure`). The result
   * stays; what the hooks say goes to the model after it. `stop`: a hook ended the run.
   */
  async postToolUse(call: { toolName: string; input: unknown; toolUseId: string; response: unknown; durationMs: number; failure?: { error: string; interrupted: boolean } }, signal: AbortSignal): Promise<AfterCall> {
    const event = call.failure ? "PostToolUseFailure" : "PostToolUse";
    const outcome = call.failure ? { error: call.failure.error, is_interrupt: call.failure.interrupted } : { tool_response: call.response };
    const results = await this.run(event, { tool_name: call.toolName, tool_input: call.input, ...outcome, tool_use_id: call.toolUseId, duration_ms: Math.round(call.durationMs) }, signal);
    const texts: string[] = [];
    const label = `${event}:${call.toolName} hook`;
    for (const r of results) {
      const context = r.output?.hookSpecificOutput?.additionalContext;
      if (context) texts.push(`${label} additional context: ${context}`);
      if (r.output?.decision === "block") texts.push(`${label} blocking error from command: "${r.command}": ${r.output.reason ?? ""}`);
      if (r.blocking) texts.push(`${label} blocking error from command: "${r.command}": [${r.command}]: ${r.stderr}`);
    }
    // An MCP tool's output may be replaced (the last hook that does so wins); a built-in tool's or a failure's never is.
    const replaced = call.toolName.startsWith("mcp__") && !call.failure ? results.findLast((r) => r.output?.hookSpecificOutput?.updatedMCPToolOutput !== undefined) : undefined;
    return { context: texts, stop: haltOf(results, `${event}:${call.toolName}`), ...(replaced ? { output: replaced.output!.hookSpecificOutput!.updatedMCPToolOutput } : {}) };
  }

  /**
   * PermissionRequest: asked just before a person would be (never where nobody is asked, as in
   * Claude Code's -p). A deny (or exit 2, or `continue: false`) wins over an allow; undefined: the
   * person decides.
   */
  async permissionRequest(call: { toolName: string; input: unknown; suggestions: string[] }, signal: AbortSignal): Promise<PermissionHookVerdict | undefined> {
    const results = await this.run("PermissionRequest", { tool_name: call.toolName, tool_input: call.input, permission_suggestions: permissionUpdates(call.suggestions) }, signal);
    const halt = haltOf(results, `PermissionRequest:${call.toolName}`);
    if (halt !== undefined) return { behavior: "deny", message: halt, interrupt: true };
    const blocking = results.find((r) => r.blocking);
    if (blocking) return { behavior: "deny", message: `PermissionRequest:${call.toolName} hook error: [${blocking.command}]: ${blocking.stderr}` };
    const decisions = results.flatMap((r) => r.output?.hookSpecificOutput?.decision ?? []);
    const deny = decisions.find((d) => d.behavior === "deny");
    if (deny) return { behavior: "deny", message: deny.message ?? `A PermissionRequest hook denied ${call.toolName}.`, interrupt: deny.interrupt };
    const allow = decisions.findLast((d) => d.behavior === "allow");
    return allow && { behavior: "allow", input: allow.updatedInput };
  }

  /** UserPromptSubmit: `blocked` ends the run before anything is sent; `context` goes with the prompt. */
  async userPromptSubmit(prompt: string, signal: AbortSignal): Promise<{ blocked?: string; context: string[] }> {
    const context: string[] = [];
    let blocked: string | undefined;
    await this.run("UserPromptSubmit", { prompt }, signal, (r) => {
      const out = r.output;
      if (r.blocking) blocked ??= `[${r.command}]: ${r.stderr}`;
      // continue: false says why in stopReason (for the user); a block decision in reason.
      else if (out?.continue === false) blocked ??= out.stopReason ?? out.reason ?? "";
      else if (out?.decision === "block") blocked ??= out.reason ?? "";
      else if (r.code === 0 && !out && !r.invalid && r.stdout.trim()) context.push(`UserPromptSubmit hook success: ${r.stdout.trim()}`);
      if (out?.hookSpecificOutput?.additionalContext) context.push(`UserPromptSubmit hook additional context: ${out.hookSpecificOutput.additionalContext}`);
    });
    if (blocked !== undefined) return { blocked: `UserPromptSubmit operation blocked by hook:\n${blocked}\n\nOriginal prompt: ${prompt}`, context: [] };
    return { context };
  }

  /** Stop: `feedback` keeps the agent going with a new user message. */
  async stop(lastAssistantMessage: string, active: boolean, signal: AbortSignal, event: "Stop" | "SubagentStop" = "Stop"): Promise<{ feedback?: string; context: string[] }> {
    const results = await this.run(event, { stop_hook_active: active, last_assistant_message: lastAssistantMessage, background_tasks: [], session_crons: [] }, signal);
    const reasons: string[] = [];
    const context: string[] = [];
    for (const r of results) {
      if (r.blocking) reasons.push(`[${r.command}]: ${r.stderr}`);
      else if (r.output?.decision === "block") {
        reasons.push(r.output.reason ?? "");
        context.push(`${event} hook blocking error from command: "${r.command}": ${r.output.reason ?? ""}`);
      }
    }
    // continue: false wins over every block: the agent stops, and the user is told why.
    const halt = haltOf(results, event);
    if (halt !== undefined) {
      this.notify(halt);
      return { context: [] };
    }
    return reasons.length > 0 ? { feedback: `${event} hook feedback:\n${reasons.join("\n")}`, context } : { context };
  }

  /** SessionStart: what the hooks print opens the first prompt's context, in the order they were declared. */
  async sessionStart(source: "startup" | "resume" | "clear" | "compact", signal?: AbortSignal): Promise<string[]> {
    const results = await this.run("SessionStart", { source }, signal);
    const plain = results.filter((r) => r.code === 0 && !r.output && !r.invalid && r.stdout.trim()).map((r) => `SessionStart:${source} hook success: ${r.stdout.trim()}`);
    const added = results.flatMap((r) => (r.output?.hookSpecificOutput?.additionalContext ? [`SessionStart hook additional context: ${r.output.hookSpecificOutput.additionalContext}`] : []));
    return [...plain, ...added];
  }
}

/** Our suggested rules (`Bash(npm test:*)`) as Claude Code's permission updates, for PermissionRequest hooks. */
function permissionUpdates(rules: string[]) {
  return rules.map((rule) => {
    const parsed = parseRuleText(rule);
    const { tool: toolName, specifier: ruleContent } = typeof parsed === "string" ? { tool: rule } : parsed;
    return { type: "addRules", rules: [{ toolName, ...(ruleContent !== undefined ? { ruleContent } : {}) }], behavior: "allow", destination: "localSettings" };
  });
}

function setDecision(verdict: PreToolVerdict, decision: "allow" | "deny" | "ask", message: string | undefined): void {
  const rank = { allow: 1, ask: 2, deny: 3 };
  if (verdict.decision && rank[verdict.decision] >= rank[decision]) return;
  verdict.decision = decision;
  if (message !== undefined) verdict.message = message;
}
