import * as v from "valibot";

const Paths = v.array(v.string());
const Port = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535));

/**
 * `sandbox` in settings.json, with Claude Code's keys so a user's configuration carries over.
 * Paths take `/`, `~/` and `./` (relative to the settings file's project); domains take
 * `*.example.com` and an optional `:port`. Keys Claude Code has that nanocode does not act on
 * (macOS Mach lookups, credentials, managed-only lists) are kept and ignored.
 */
export const SandboxSettings = v.looseObject({
  enabled: v.optional(v.boolean()),
  /** Sandboxed Bash commands run without a prompt (default true); deny and ask rules still apply. */
  autoAllowBashIfSandboxed: v.optional(v.boolean()),
  /** Commands that always run outside the sandbox, through the usual permission prompts: `docker`, `git push:*`. */
  excludedCommands: v.optional(v.array(v.string())),
  /** The model may ask to run a command outside the sandbox (dangerouslyDisableSandbox), with approval (default true). */
  allowUnsandboxedCommands: v.optional(v.boolean()),
  /** Refuse Bash commands when the sandbox cannot run here, instead of running them unsandboxed. */
  failIfUnavailable: v.optional(v.boolean()),
  bwrapPath: v.optional(v.string()),
  network: v.optional(
    v.looseObject({
      allowedDomains: v.optional(v.array(v.string())),
      deniedDomains: v.optional(v.array(v.string())),
      allowLocalBinding: v.optional(v.boolean()),
      allowUnixSockets: v.optional(Paths),
      allowAllUnixSockets: v.optional(v.boolean()),
      httpProxyPort: v.optional(Port),
      socksProxyPort: v.optional(Port),
    }),
  ),
  filesystem: v.optional(
    v.looseObject({
      allowWrite: v.optional(Paths),
      denyWrite: v.optional(Paths),
      denyRead: v.optional(Paths),
      allowRead: v.optional(Paths),
    }),
  ),
});
export type SandboxSettings = v.InferOutput<typeof SandboxSettings>;
