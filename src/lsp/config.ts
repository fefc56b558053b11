import { existsSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import * as v from "valibot";
import type { Settings } from "../config/settings.ts";
import { expandVariables } from "../mcp/config.ts";

const Ms = (what: string) => v.pipe(v.number(`${what} must be a number of milliseconds`), v.integer(), v.minValue(1));

/**
 * One language server, in the shape of Claude Code's `.lsp.json` and plugin `lspServers` entries,
 * so that plugins can feed the same list. Timeouts are milliseconds.
 */
export const LspServerConfig = v.object({
  command: v.pipe(v.string("command must be a string"), v.nonEmpty("command must not be empty")),
  args: v.optional(v.array(v.string("args must be strings")), []),
  extensionToLanguage: v.record(v.pipe(v.string(), v.startsWith(".", "extensionToLanguage keys must be extensions such as \".ts\"")), v.string("extensionToLanguage values must be language ids")),
  transport: v.optional(v.picklist(["stdio", "socket"], 'transport must be "stdio" or "socket"'), "stdio"),
  env: v.optional(v.record(v.string(), v.string("env values must be strings"))),
  initializationOptions: v.optional(v.unknown()),
  /** Sent with workspace/didChangeConfiguration and as the answer to workspace/configuration. */
  settings: v.optional(v.unknown()),
  workspaceFolder: v.optional(v.string()),
  startupTimeout: v.optional(Ms("startupTimeout")),
  shutdownTimeout: v.optional(Ms("shutdownTimeout")),
  restartOnCrash: v.optional(v.boolean()),
  maxRestarts: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});
export type LspServerConfig = v.InferOutput<typeof LspServerConfig>;

/** A server nanocode may run: `markers` (files that mark a project root) only for the servers it knows without configuration. */
export type LspServerEntry = { name: string; config: LspServerConfig; origin: string; markers?: string[] };

const ts = { ".ts": "typescript", ".tsx": "typescriptreact", ".mts": "typescript", ".cts": "typescript", ".js": "javascript", ".jsx": "javascriptreact", ".mjs": "javascript", ".cjs": "javascript" };
const py = { ".py": "python", ".pyi": "python" };
const c = { ".c": "c", ".h": "c", ".cc": "cpp", ".cpp": "cpp", ".cxx": "cpp", ".hpp": "cpp", ".hh": "cpp" };
const PY_MARKERS = ["pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "pyrightconfig.json"];

/** Servers used with no configuration when their command is on PATH, in a project their markers show. */
export const KNOWN_SERVERS: LspServerEntry[] = [
  // One tsserver, not a second syntax-only one whose half answers (a definition in the same file only) come while the project loads; no npm calls for typings.
  { name: "typescript", config: { ...server("typescript-language-server", ["--stdio"], ts), initializationOptions: { disableAutomaticTypingAcquisition: true, tsserver: { useSyntaxServer: "never" } } }, origin: "built-in", markers: ["tsconfig.json", "jsconfig.json", "package.json"] },
  { name: "pyright", config: server("pyright-langserver", ["--stdio"], py), origin: "built-in", markers: PY_MARKERS },
  { name: "basedpyright", config: server("basedpyright-langserver", ["--stdio"], py), origin: "built-in", markers: PY_MARKERS },
  { name: "gopls", config: server("gopls", [], { ".go": "go" }), origin: "built-in", markers: ["go.work", "go.mod"] },
  { name: "rust-analyzer", config: server("rust-analyzer", [], { ".rs": "rust" }), origin: "built-in", markers: ["Cargo.toml"] },
  { name: "clangd", config: server("clangd", [], c), origin: "built-in", markers: ["compile_commands.json", "compile_flags.txt", ".clangd", "CMakeLists.txt"] },
];

function server(command: string, args: string[], extensionToLanguage: Record<string, string>): LspServerConfig {
  return { command, args, extensionToLanguage, transport: "stdio" };
}

/**
 * The `lspServers` settings, a server of a later file replacing one of the same name; each entry
 * is checked on its own: a bad one is one line naming its file and field, and is skipped.
 */
export function configuredLspServers(files: readonly { path: string; settings: Settings }[], problems: string[], env: Record<string, string | undefined> = process.env): LspServerEntry[] {
  const named = new Map<string, { entry: unknown; origin: string }>();
  for (const file of files) for (const [name, entry] of Object.entries(file.settings.lspServers ?? {})) named.set(name, { entry, origin: file.path });
  const servers: LspServerEntry[] = [];
  for (const [name, { entry, origin }] of named) {
    const missing = new Set<string>();
    const parsed = v.safeParse(LspServerConfig, expandVariables(entry, env, missing));
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const field = v.getDotPath(issue);
      problems.push(`${origin}: lspServers.${name}${field ? `.${field}` : ""}: ${field && issue.received === "undefined" ? "is missing" : issue.message}; this language server is skipped`);
    } else if (parsed.output.transport === "socket") problems.push(`${origin}: lspServers.${name}.transport: "socket" is not supported yet, only "stdio"; this language server is skipped`);
    else {
      if (missing.size) problems.push(`${origin}: lspServers.${name}: ${[...missing].map((m) => `\${${m}}`).join(", ")} not set; used as empty`);
      servers.push({ name, config: parsed.output, origin });
    }
  }
  return servers;
}

/** The folder at or above `from` holding one of `markers`, if any. */
export function markedRoot(from: string, markers: readonly string[]): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (markers.some((m) => existsSync(join(dir, m)))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The language id `entry` gives the file, if it takes it. */
export const languageOf = (entry: LspServerEntry, path: string) => entry.config.extensionToLanguage[extname(path).toLowerCase()];
