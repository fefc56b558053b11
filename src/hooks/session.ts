import type { RunHooks } from "../agent/loop.ts";
import type { Hooks } from "./hooks.ts";

/**
 * The conversation's UserPromptSubmit and Stop hooks for the agent loop. What SessionStart hooks
 * said goes with the first prompt that is sent.
 */
export function conversationHooks(hooks: Hooks, startContext: string[]): RunHooks {
  let pending = startContext;
  return {
    async promptSubmit(prompt, signal) {
      hooks.startPrompt();
      const submitted = await hooks.userPromptSubmit(prompt, signal);
      if (submitted.blocked !== undefined) return submitted;
      const context = [...pending, ...submitted.context];
      pending = [];
      return { context };
    },
    stop: (lastText, active, signal) => hooks.stop(lastText, active, signal),
    subagentStop: (lastText, active, signal) => hooks.stop(lastText, active, signal, "SubagentStop"),
    async event(name, payload, signal) {
      const results = await hooks.run(name, payload, signal);
      const context = results.flatMap((r) => r.output?.hookSpecificOutput?.additionalContext ?? []);
      // continue: false wins over a block decision (a sub-agent then stops instead of going on).
      const halting = results.find((r) => r.output?.continue === false);
      if (halting) return { stop: halting.output?.stopReason ?? "", context };
      const blocked = results.find((r) => r.blocking || r.output?.decision === "block");
      return blocked ? { blocked: blocked.blocking ? blocked.stderr.trim() : (blocked.output?.reason ?? ""), context } : { context };
    },
  };
}
