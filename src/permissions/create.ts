// Builds the permission engine for a session from settings and command-line flags.

import { existsSync } from "node:fs";
import { splitList } from "../config/frontmatter.ts";
import type { Settings, SettingsFile } from "../config/settings.ts";
import { isDirectory } from "../fs/fs-error.ts";
import { resolvePath } from "../fs/paths.ts";
import type { Asker } from "./ask.ts";
import { type EngineOptions, PermissionEngine, type ToolHooks } from "./engine.ts";
import type { PermissionMode } from "./gate.ts";
import { checkRuleName } from "./rule-names.ts";
import { parseRule, type Rule, type RuleBehavior } from "./rules.ts";

/** `"Bash(npm test:*),Read Edit"`: rules separated by commas or spaces outside parentheses (as tool lists in frontmatter). */
export const splitRuleList = splitList;

export type PermissionFlags = { allowedTools: string[]; disallowedTools: string[]; addDir: string[] };

/** Where rules come from: each settings file (already validated) on its own, since `/path` in a rule is relative to its file's root. */
export type RuleFile = Pick<SettingsFile, "path" | "root"> & { settings: Settings };

/**
 * The rules of the settings files and flags; a malformed flag rule is an error line. With the
 * session's `tools`, a rule naming no tool is a warning line (see rule-names.ts), as is a flag
 * given an empty list.
 */
export function collectRules(files: RuleFile[], flags: PermissionFlags, tools?: readonly string[]): { rules: Rule[]; problems: string[]; warnings: string[] } {
  const rules: Rule[] = [];
  const problems: string[] = [];
  const warnings: string[] = [];
  const add = (behavior: RuleBehavior, texts: string[], source: string, root?: string) => {
    for (const text of texts) {
      const parsed = parseRule(text);
      if (typeof parsed === "string") {
        problems.push(`${source}: ${parsed}`);
        continue;
      }
      const rule: Rule = { behavior, text, source, ...(root ? { root } : {}), ...parsed };
      const checked = tools ? checkRuleName(rule, tools) : { rule };
      if (checked.warning) warnings.push(checked.warning);
      rules.push(checked.rule);
    }
  };
  for (const behavior of ["deny", "ask", "allow"] as const) {
    for (const file of files) add(behavior, file.settings.permissions?.[behavior] ?? [], file.path, file.root);
  }
  const flag = (name: string, values: string[], does: string) => {
    const texts = values.flatMap(splitRuleList);
    if (values.length > 0 && texts.length === 0) warnings.push(`${name} ${values.map((x) => JSON.stringify(x)).join(" ")}: names no tool, so it ${does} nothing`);
    return texts;
  };
  add("deny", flag("--disallowedTools", flags.disallowedTools, "denies"), "--disallowedTools");
  add("allow", flag("--allowedTools", flags.allowedTools, "allows"), "--allowedTools");
  return { rules, problems, warnings };
}

export function createPermissionEngine(options: {
  mode: PermissionMode;
  settings: Settings;
  /** The settings files the rules come from. */
  files: RuleFile[];
  flags: PermissionFlags;
  cwd: string;
  asker?: Asker;
  hooks?: ToolHooks;
  /** The session's tool names: rules naming none of them are reported. */
  tools?: readonly string[];
  sandbox?: EngineOptions["sandbox"];
}): { engine: PermissionEngine; problems: string[]; warnings: string[] } {
  const { rules, problems, warnings: named } = collectRules(options.files, options.flags, options.tools);
  const { directories, warnings: dirs } = additionalDirectories([...(options.settings.permissions?.additionalDirectories ?? []), ...options.flags.addDir], options.cwd);
  const engine = new PermissionEngine({ mode: options.mode, rules, projectDir: options.cwd, additionalDirectories: directories, asker: options.asker, hooks: options.hooks, sandbox: options.sandbox });
  return { engine, problems, warnings: [...named, ...dirs] };
}

/**
 * `--add-dir`s and `additionalDirectories` that are directories; any other is left out with a line
 * saying why: a typo or a stale path must not pass in silence (the grant the user asked for did not
 * happen), nor stop a session whose settings outlived a folder.
 */
function additionalDirectories(dirs: string[], cwd: string): { directories: string[]; warnings: string[] } {
  const warnings: string[] = [];
  const directories = dirs.filter((dir) => {
    const path = resolvePath(cwd, dir);
    if (isDirectory(path)) return true;
    warnings.push(`additional directory ${dir}: ${existsSync(path) ? "not a directory" : "no such directory"}; it is not added`);
    return false;
  });
  return { directories, warnings };
}
