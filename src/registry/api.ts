// The `nanocode` module: what built-in and users' tool and command modules import.
// In the compiled binary, users' modules get this same object through the runtime plugin in
// ./user-modules.ts, so they need no node_modules.

export { defineCommand, defineTool } from "./define.ts";
export type { Command, CommandContext, CommandSession, Concurrency, ContextReport, SandboxedRun, ShellSandbox, Tool, ToolContent, ToolContext, ToolOutput, UsageTotals } from "./define.ts";
export type * from "./agent-api.ts";
export { READ_ONLY_AGENTS } from "../agents/builtin.ts";
export type * from "./command-api.ts";
export * as v from "valibot";
export { type ExecOptions, type ExecResult, exec } from "./exec.ts";

// Files (atomic writes, file state, undo history, text layout, notebooks, media) for Read/Write/Edit and users' tools.
export { atomicWrite } from "../fs/atomic-write.ts";
export { type Editable, openForChange } from "../fs/editable.ts";
export { type FileChange, FileHistory, type RewoundFile } from "../fs/file-history.ts";
export { FileState, STALE_REFUSAL, UNREAD_REFUSAL } from "../fs/file-state.ts";
export { nearNames } from "../fs/near-names.ts";
export { MAX_RESULT_CHARS, numberedLines } from "../fs/numbered-lines.ts";
export { displayPath, resolvePath } from "../fs/paths.ts";
export { countOf, replaceIn } from "../fs/replace.ts";
export { saveFile } from "../fs/save.ts";
// Language servers: diagnostics after a write, the LSP tool's input.
export { withDiagnostics } from "../lsp/tool-hooks.ts";
export { LSP_OPERATIONS, LSP_TOOL, LspQuery } from "../lsp/query.ts";
export { lspStatusLines } from "../lsp/status.ts";
export { decodeText, encodeText, looksBinary, type TextFormat } from "../fs/text-file.ts";
export { cellId, editNotebook, type NotebookEdit, renderNotebook } from "../notebook/notebook.ts";
export { IMAGE_TYPES, imageForModel, imageSize } from "../media/image.ts";
export { parsePages, pdfForModel } from "../media/pdf.ts";

// Shell running and background tasks for Bash, TaskStop and users' tools.
export { notifyModel } from "../tasks/notifications.ts";
export { lastLine, MAX_INLINE_CHARS, outputForModel } from "../shell/output.ts";
export { killGroup, runShell, SANDBOXED, userShell } from "../shell/run-shell.ts";
// The read-only verdict of a shell command, for Bash (see src/permissions/bash-readonly.ts).
export { runsOnlyReads } from "../permissions/bash-readonly.ts";

// File walking (ignore files as ripgrep reads them) and the two Grep engines, for Glob, Grep and users' tools.
export { splitGlobs } from "../search/file-filter.ts";
export { comparePaths } from "../search/format.ts";
export { type GlobMatch, globFiles } from "../search/glob-files.ts";
export { chooseEngine, type Engine, grep } from "../search/grep.ts";
export type { GrepQuery } from "../search/query.ts";
export { VCS_DIRS, walkFiles } from "../search/walk.ts";
