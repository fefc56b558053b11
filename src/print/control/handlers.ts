// Every control request the host may send, by subtype: one entry each, so a new request is one
// line here and a handler in its own module. An unknown subtype is answered with an error.

import { readFileRequest, rewindFiles, seedReadState } from "./file-requests.ts";
import type { ControlHandler } from "./handler.ts";
import { initialize } from "./initialize.ts";
import { mcpReadResource, mcpReconnect, mcpSetServers, mcpStatus, mcpToggle, setMcpPermissionModeOverride } from "./mcp-requests.ts";
import { interrupt, setMaxThinkingTokens, setModel, setPermissionMode } from "./session-requests.ts";
import { applyFlagSettings, updateSettings } from "./settings-requests.ts";
import { backgroundTasks, getContextUsage, reloadOutputStyles, reloadPlugins, reloadSkills, stopTask } from "./status-requests.ts";

export const CONTROL_HANDLERS: Readonly<Record<string, ControlHandler>> = {
  initialize,
  interrupt,
  set_permission_mode: setPermissionMode,
  set_model: setModel,
  set_max_thinking_tokens: setMaxThinkingTokens,
  mcp_status: mcpStatus,
  mcp_reconnect: mcpReconnect,
  mcp_toggle: mcpToggle,
  mcp_set_servers: mcpSetServers,
  mcp_read_resource: mcpReadResource,
  set_mcp_permission_mode_override: setMcpPermissionModeOverride,
  rewind_files: rewindFiles,
  seed_read_state: seedReadState,
  read_file: readFileRequest,
  apply_flag_settings: applyFlagSettings,
  update_settings: updateSettings,
  get_context_usage: getContextUsage,
  reload_plugins: reloadPlugins,
  reload_output_styles: reloadOutputStyles,
  reload_skills: reloadSkills,
  stop_task: stopTask,
  background_tasks: backgroundTasks,
};
