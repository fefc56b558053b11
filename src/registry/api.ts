// The `nanocode` module: what built-in and users' tool and command modules import.
// In the compiled binary, users' modules get this same object through the runtime plugin in
// ./user-modules.ts, so they need no node_modules.

export { defineCommand, defineTool } from "./define.ts";
export type { Command, CommandContext, CommandSession, Concurrency, ContextReport, Tool, ToolContent, ToolContext, ToolOutput, UsageTotals } from "./define.ts";
export type * from "./agent-api.ts";
export { READ_ONLY_AGENTS } from "../agents/builtin.ts";
export type * from "./command-api.ts";
export * as v from "valibot";
// File helpers (atomic writes, file state, undo history, text layout) for Read/Write/Edit and users' tools.
export * from "../fs/exports.ts";
// Shell running and background tasks for Bash, TaskStop and users' tools.
export * from "../shell/exports.ts";
// File walking (ignore files as ripgrep reads them) and the two Grep engines.
export * from "../search/exports.ts";
export { type ExecOptions, type ExecResult, exec } from "./exec.ts";
// The read-only verdict of a shell command, for Bash (see src/permissions/bash-readonly.ts).
export { runsOnlyReads } from "../permissions/bash-readonly.ts";
