// The `nanocode` module: what built-in and users' tool and command modules import.
// In the compiled binary, users' modules get this same object through the runtime plugin in
// ./user-modules.ts, so they need no node_modules.

export { defineCommand, defineTool } from "./define.ts";
export type { Command, CommandContext, Tool, ToolContent, ToolContext, ToolOutput } from "./define.ts";
export * as v from "valibot";
export { atomicWrite } from "../fs/atomic-write.ts";
export { FileState } from "../fs/file-state.ts";
export { displayPath, resolvePath } from "../fs/paths.ts";
export { type ExecOptions, type ExecResult, exec } from "./exec.ts";
