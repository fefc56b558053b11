// The answer to `initialize`, with the fields Claude Code answers (its recorded answer in
// shared/conformance/claude-code-2.1.328/sdk-protocol/01-basic): what the session offers, the
// account, the process. Fields about Claude Code features nanocode does not have carry their
// neutral value (fast mode off, no output styles beyond the default, no remote control).

import pkg from "../../../package.json" with { type: "json" };
import { agentInfos, modelChoices, slashCommands } from "./catalog.ts";
import type { ControlContext, ControlRequest } from "./handler.ts";

/** The initialize fields the session was made with (read before it started: see src/cli/print-mode.ts). */
export type AppliedInitialize = { fields: ReadonlySet<string> };

export function initialize(request: ControlRequest, context: ControlContext) {
  const info = context.info();
  const applied = (field: string) => request[field] !== undefined && context.initialized.fields.has(field);
  return {
    commands: slashCommands(context, context.skills),
    agents: agentInfos(context),
    output_style: info.output_style,
    available_output_styles: ["default"],
    models: modelChoices(),
    account: { tokenSource: "none", apiKeySource: info.apiKeySource, apiProvider: "firstParty" },
    pid: process.pid,
    claude_code_version: pkg.version,
    nanocode_version: pkg.version,
    current_permission_mode: info.permissionMode,
    ...(request.hooks !== undefined ? { hooks_applied: applied("hooks") } : {}),
    hook_on_failure_supported: true,
    ...(request.settings !== undefined ? { settings_applied: applied("settings") } : {}),
    ...(request.disallowedTools !== undefined ? { disallowed_tools_applied: applied("disallowedTools") } : {}),
    ...(request.mcpServers !== undefined ? { mcp_servers_applied: applied("mcpServers") } : {}),
    ...(request.plugins !== undefined ? { plugins_applied: false } : {}),
    analytics_disabled: true,
    fast_mode_state: "off",
    fast_mode_disabled_reason: "unknown",
    remote_control_available: false,
    session_state: context.busy() ? "running" : "idle",
    capabilities: [],
  };
}
