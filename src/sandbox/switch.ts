// The session's sandbox: whether it is on (settings, --sandbox / --no-sandbox, /sandbox), and for
// each Bash call whether it runs inside it. Loaded always, small on purpose: the machinery that
// builds a sandbox (./launch.ts and what it uses) is imported on the first sandboxed call only.

import type { SandboxSettings } from "../config/sandbox-settings.ts";
import type { ShellAnalysis } from "../permissions/bash-readonly.ts";
import { matchesCommand } from "../permissions/rules.ts";
import type { SandboxControl } from "../registry/command-api.ts";
import type { SandboxedRun, ShellSandbox } from "../registry/define.ts";
import type { Availability } from "./availability.ts";

/** What the sandbox's policy is made from besides its settings: the session's folders and rules. */
export type SandboxSurroundings = {
  projectDir: string;
  /** The project and the additional directories, as the permission engine has them. */
  workingDirs: () => string[];
  /** Absolute globs of the Read and Edit deny rules: the sandbox enforces them too. */
  denyPatterns: (tool: "Read" | "Edit") => string[];
  /** What the permission rules grant the sandbox (Edit allow folders, WebFetch domains); see RuleBook.sandboxGrants. */
  grants?: () => { writable: string[]; allowedDomains: string[]; deniedDomains: string[] };
};

/** What the sandbox means for one Bash call, for the permission engine. */
export type SandboxVerdict = { runs: "sandboxed"; autoAllow: boolean } | { runs: "unsandboxed"; why: string } | { runs: "refused"; message: string };

export class SandboxSwitch implements ShellSandbox, SandboxControl {
  constructor(
    private settings: SandboxSettings,
    private readonly around: SandboxSurroundings,
    /** On for this session: `sandbox.enabled`, unless a flag or /sandbox said otherwise. */
    public enabled = settings.enabled === true,
  ) {}

  get autoAllow(): boolean {
    return this.settings.autoAllowBashIfSandboxed !== false;
  }

  async set(choice: { enabled: boolean; autoAllow?: boolean }): Promise<void> {
    this.enabled = choice.enabled;
    const autoAllow = choice.autoAllow === undefined ? {} : { autoAllowBashIfSandboxed: choice.autoAllow };
    this.settings = { ...this.settings, ...autoAllow };
    const [{ editSettingsFile }, { localSettingsPath }] = await Promise.all([import("../config/edit-settings.ts"), import("../permissions/local-rules.ts")]);
    await editSettingsFile(localSettingsPath(this.around.projectDir), "the sandbox setting", (settings) => {
      const sandbox = typeof settings.sandbox === "object" && settings.sandbox !== null ? settings.sandbox : {};
      settings.sandbox = { ...sandbox, enabled: choice.enabled, ...autoAllow };
    });
  }

  async describe(): Promise<string[]> {
    const { describePolicy } = await import("./describe.ts");
    return describePolicy(this.settings, this.around);
  }

  async availability(): Promise<Availability> {
    const { sandboxAvailability } = await import("./availability.ts");
    return sandboxAvailability(this.settings.bwrapPath);
  }

  /** The one line that says the sandbox is on but cannot run here, and what happens instead; undefined otherwise. */
  async unavailableLine(): Promise<string | undefined> {
    if (!this.enabled) return undefined;
    const available = await this.availability();
    if (available.available) return undefined;
    const instead = this.settings.failIfUnavailable ? "Bash commands are refused (sandbox.failIfUnavailable)" : "Bash commands run unsandboxed, with the usual permission prompts";
    return `sandbox unavailable: ${available.why}; ${instead}`;
  }

  /** Whether this call runs sandboxed; `unsandboxed`: the model asked for it (dangerouslyDisableSandbox). */
  async verdict(command: string, shell: ShellAnalysis | undefined, unsandboxed = false): Promise<SandboxVerdict> {
    if (!this.enabled) return { runs: "unsandboxed", why: "the sandbox is off" };
    const available = await this.availability();
    if (!available.available) {
      if (this.settings.failIfUnavailable) return { runs: "refused", message: `Bash is refused: sandbox.failIfUnavailable is set and the sandbox cannot run here (${available.why}).` };
      return { runs: "unsandboxed", why: `the sandbox is unavailable (${available.why})` };
    }
    if (unsandboxed && this.settings.allowUnsandboxedCommands !== false) return { runs: "unsandboxed", why: "it asks to run outside the sandbox" };
    const excluded = this.excludedBy(command, shell);
    if (excluded) return { runs: "unsandboxed", why: `sandbox.excludedCommands has ${JSON.stringify(excluded)}` };
    return { runs: "sandboxed", autoAllow: this.autoAllow };
  }

  /** The excludedCommands entry any part of the command matches: `docker` covers `docker ps`, `git push:*` as a Bash rule would. */
  private excludedBy(command: string, shell: ShellAnalysis | undefined): string | undefined {
    const texts = [command, ...(shell?.parts.map((p) => p.text) ?? [])];
    return (this.settings.excludedCommands ?? []).find((entry) => {
      const pattern = entry.includes("*") ? entry : `${entry}:*`;
      return texts.some((text) => matchesCommand(pattern, text));
    });
  }

  async prepare(command: string, options: { cwd: string; cwdFile?: string; unsandboxed?: boolean }): Promise<SandboxedRun | undefined> {
    if (!this.enabled) return undefined;
    const shell = this.settings.excludedCommands?.length ? await (await import("../permissions/bash-readonly.ts")).analyseCommand(command, options.cwd) : undefined;
    const verdict = await this.verdict(command, shell, options.unsandboxed);
    if (verdict.runs === "refused") throw new Error(verdict.message);
    if (verdict.runs === "unsandboxed") return undefined;
    const { launchSandboxed } = await import("./launch.ts");
    return launchSandboxed(this.settings, this.around, options);
  }
}
