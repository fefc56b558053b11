// The sandbox's policy in words, for /sandbox: what a sandboxed command may write, what it cannot
// read, where it may connect, and what runs outside.

import type { SandboxSettings } from "../config/sandbox-settings.ts";
import { currentPolicy } from "./policy.ts";
import type { SandboxSurroundings } from "./switch.ts";

const list = (items: string[], none: string) => (items.length > 0 ? items.join(", ") : none);

export function describePolicy(settings: SandboxSettings, around: SandboxSurroundings): string[] {
  const { policy, complete } = currentPolicy(settings, around);
  const tmp = process.platform === "darwin" ? "the temp folders" : "a /tmp private to each call";
  return [
    `Writable: ${list(policy.writable, "nothing")}, and ${tmp}`,
    `Read-only inside them: ${policy.readOnly.length} path(s) that steer git, shells or nanocode or that deny rules cover`,
    `Unreadable: ${list(policy.hidden, "nothing (Read deny rules and sandbox.filesystem.denyRead add paths)")}${complete ? "" : " (the listing stopped early: sandboxed calls are refused until the rules are narrower)"}`,
    `Network: ${policy.network.allowed.length > 0 ? `only ${policy.network.allowed.join(", ")}, through nanocode's proxy` : "none (add hosts to sandbox.network.allowedDomains)"}${policy.network.denied.length > 0 ? `; never ${policy.network.denied.join(", ")}` : ""}`,
    `Run outside the sandbox, with the usual prompts: ${list(settings.excludedCommands ?? [], "no command (sandbox.excludedCommands)")}`,
    `A command the sandbox blocked may be rerun outside it with your approval: ${settings.allowUnsandboxedCommands === false ? "no (allowUnsandboxedCommands: false)" : "yes"}`,
  ];
}
