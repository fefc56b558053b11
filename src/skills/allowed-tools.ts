import type { PermissionGate } from "../permissions/gate.ts";

// A skill's `allowed-tools`, when the user typed /name, lets its calls run without asking. This
// understands the plain forms of Claude Code's rule syntax (`Read`, `Bash(git diff:*)`, `Bash(npm test)`, `mcp__server`);
// anything else falls through to the session's permission engine, which decides as usual.

const COMPOUND = /[;&|`$<>(){}\n\\]/;

/** Whether `rule` covers a call of `toolName` with `input`. */
export function ruleAllows(rule: string, toolName: string, input: unknown): boolean {
  const match = /^([A-Za-z0-9_-]+)(?:\((.*)\))?$/.exec(rule.trim());
  if (!match) return false;
  const [, name, spec] = match;
  if (spec === undefined) return name === toolName || (name!.startsWith("mcp__") && toolName.startsWith(`${name}__`));
  if (name !== toolName || toolName !== "Bash") return false;
  const command = String((input as { command?: unknown })?.command ?? "").trim();
  // Only a single simple command can match a prefix: `git diff; rm -rf x` must not ride on `git diff:*`.
  if (COMPOUND.test(command)) return false;
  const prefix = /^(.*?)(?::\*| \*)$/.exec(spec!)?.[1];
  return prefix === undefined ? command === spec : command === prefix || command.startsWith(`${prefix} `);
}

/** `gate`, except that calls covered by one of `rules()` are granted: allowed as an allow rule would allow them. */
export function allowing(gate: PermissionGate, rules: () => readonly string[]): PermissionGate {
  return {
    // Delegated, not copied: the gate may be a class (the permission engine) whose methods and mode live on it.
    canRead: (path) => gate.canRead?.(path) ?? true,
    ask: (request, signal) => gate.ask?.(request, signal) ?? Promise.resolve(false),
    after: (call, signal) => gate.after?.(call, signal) ?? Promise.resolve({ context: [] }),
    // Not an allow of its own: PreToolUse hooks and deny rules must still see the call.
    check: (request, signal) => gate.check(rules().some((rule) => ruleAllows(rule, request.tool.name, request.input)) ? { ...request, granted: true } : request, signal),
    withMode: gate.withMode && ((mode) => allowing(gate.withMode!(mode), rules)),
  };
}
