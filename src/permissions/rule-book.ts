// The session's rules, looked up for one call: which rule of a behavior (deny, ask, allow) covers
// a tool call, with path specifiers anchored as Claude Code documents.

import { homedir } from "node:os";
import { resolvePath } from "../fs/paths.ts";
import { realPath } from "./paths.ts";
import { absolutePattern, EDIT_TOOLS, fieldsOf, matchesCommand, matchesDomain, matchesPath, patternBase, READ_TOOLS, type Rule, type RuleBehavior, ruleCoversTool, ruleSubject } from "./rules.ts";

/** The path a file tool works on; Grep and Glob default to the working directory. */
export function toolPath(toolName: string, input: unknown, cwd: string): string | undefined {
  const i = fieldsOf(input);
  const path = i.file_path ?? i.notebook_path ?? i.path;
  if (typeof path === "string") return resolvePath(cwd, path);
  return toolName === "Grep" || toolName === "Glob" ? cwd : undefined;
}

export class RuleBook {
  /** `rules` is kept, not copied: rules added to it later ("don't ask again") count at once. */
  constructor(
    readonly rules: Rule[],
    private readonly roots: { projectDir: string; home?: string },
  ) {}

  /**
   * A rule's path specifier as an absolute glob. Relative ones are anchored where the session
   * started, not where a `cd` in Bash has since moved the shell: a deny rule must not move away
   * from what it protects. `real`: with the roots' links resolved, as real paths are.
   */
  pattern(rule: Rule, real = false): string {
    const project = this.roots.projectDir;
    const roots = { cwd: project, root: rule.root ?? project, home: this.roots.home ?? homedir() };
    return absolutePattern(rule.specifier!, real ? { cwd: realPath(roots.cwd), root: realPath(roots.root), home: realPath(roots.home) } : roots);
  }

  /** Absolute globs of the `Read(...)` (or `Edit(...)`) deny rules. */
  readDenyPatterns(tool: "Read" | "Edit" = "Read"): string[] {
    return this.rules.filter((r) => r.behavior === "deny" && r.tool === tool && r.specifier).map((r) => this.pattern(r));
  }

  /**
   * What the rules grant a sandbox, as Claude Code merges them into its settings: the folders
   * `Edit(...)` allow rules name (the literal part of each pattern) become writable, the domains of
   * `WebFetch(domain:…)` allow and deny rules allowed and denied hosts.
   */
  sandboxGrants(): { writable: string[]; allowedDomains: string[]; deniedDomains: string[] } {
    const domains = (behavior: RuleBehavior) => this.rules.filter((r) => r.behavior === behavior && r.tool === "WebFetch" && r.specifier?.startsWith("domain:")).map((r) => r.specifier!.slice("domain:".length));
    const writable = this.rules.filter((r) => r.behavior === "allow" && EDIT_TOOLS.has(r.tool) && r.specifier).map((r) => patternBase(this.pattern(r)));
    return { writable, allowedDomains: domains("allow"), deniedDomains: domains("deny") };
  }

  /** Any rule of this behavior with a Bash specifier (so Bash calls must be matched against it). */
  hasBashSpecifiers(...behaviors: RuleBehavior[]): boolean {
    return this.rules.some((r) => r.tool === "Bash" && r.specifier !== undefined && behaviors.includes(r.behavior));
  }

  /** The first rule of this behavior that matches the call (Bash commands: see `bash`). */
  find(behavior: RuleBehavior, toolName: string, input: unknown, cwd: string): Rule | undefined {
    return this.rules.find((rule) => {
      if (rule.behavior !== behavior || !ruleCoversTool(rule.tool, toolName)) return false;
      if (rule.specifier === undefined) return true;
      if (toolName === "Bash") return false;
      if (EDIT_TOOLS.has(toolName) || READ_TOOLS.has(toolName)) {
        const path = toolPath(toolName, input, cwd);
        if (path === undefined) return false;
        // An allow rule covers the file really touched (its roots resolved too): a link in an
        // allowed folder that leads elsewhere is not in it. Deny and ask rules bind every name.
        if (behavior === "allow") return [this.pattern(rule), this.pattern(rule, true)].some((p) => matchesPath(p, realPath(path)));
        return [path, realPath(path)].some((p) => matchesPath(this.pattern(rule), p));
      }
      if (toolName === "WebFetch") return matchesDomain(rule.specifier, fieldsOf(input).url);
      const subject = ruleSubject(toolName, input);
      return subject !== undefined && matchesCommand(rule.specifier, subject);
    });
  }

  /** The first Bash rule of this behavior matching any of the texts a command is tested as. */
  bash(behavior: RuleBehavior, texts: string[]): Rule | undefined {
    return this.rules.find((r) => r.behavior === behavior && r.tool === "Bash" && (r.specifier === undefined || texts.some((t) => matchesCommand(r.specifier!, t))));
  }
}
