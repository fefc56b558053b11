// Builds the permission engine for a session from settings and command-line flags.

import { splitList } from "../config/frontmatter.ts";
import type { Settings } from "../config/settings.ts";
import type { Asker } from "./ask.ts";
import { PermissionEngine, type ToolHooks } from "./engine.ts";
import type { PermissionMode } from "./gate.ts";
import { parseRule, type Rule, type RuleBehavior } from "./rules.ts";

/** `"Bash(npm test:*),Read Edit"`: rules separated by commas or spaces outside parentheses (as tool lists in frontmatter). */
export const splitRuleList = splitList;

export type PermissionFlags = { allowedTools: string[]; disallowedTools: string[]; addDir: string[] };

/** The rules of settings (already validated) and flags; a malformed flag rule is an error line. */
export function collectRules(settings: Settings, flags: PermissionFlags): { rules: Rule[]; problems: string[] } {
  const rules: Rule[] = [];
  const problems: string[] = [];
  const add = (behavior: RuleBehavior, texts: string[], source: string) => {
    for (const text of texts) {
      const parsed = parseRule(text);
      if (typeof parsed === "string") problems.push(`${source}: ${parsed}`);
      else rules.push({ behavior, text, source, ...parsed });
    }
  };
  const permissions = settings.permissions ?? {};
  for (const behavior of ["deny", "ask", "allow"] as const) add(behavior, permissions[behavior] ?? [], "settings");
  add("deny", flags.disallowedTools.flatMap(splitRuleList), "--disallowedTools");
  add("allow", flags.allowedTools.flatMap(splitRuleList), "--allowedTools");
  return { rules, problems };
}

export function createPermissionEngine(options: {
  mode: PermissionMode;
  settings: Settings;
  flags: PermissionFlags;
  cwd: string;
  asker?: Asker;
  hooks?: ToolHooks;
}): { engine: PermissionEngine; problems: string[] } {
  const { rules, problems } = collectRules(options.settings, options.flags);
  const engine = new PermissionEngine({
    mode: options.mode,
    rules,
    projectDir: options.cwd,
    additionalDirectories: [...(options.settings.permissions?.additionalDirectories ?? []), ...options.flags.addDir],
    asker: options.asker,
    hooks: options.hooks,
  });
  return { engine, problems };
}
