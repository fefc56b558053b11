import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { configuredLspServers, KNOWN_SERVERS, markedRoot } from "../../src/lsp/config.ts";
import { LspManager } from "../../src/lsp/manager.ts";
import { SERVERS_PATH } from "../support/lsp-project.ts";
import { put, tempDir } from "../support/tmp.ts";

const file = (path: string, lspServers: Record<string, unknown>) => ({ path, settings: { lspServers } });

describe("the lspServers setting (Claude Code's .lsp.json shape)", () => {
  test("a valid server is kept with every documented field; a later file replaces a server of the same name", () => {
    const problems: string[] = [];
    const full = { command: "gopls", args: ["serve"], extensionToLanguage: { ".go": "go" }, transport: "stdio" as const, env: { A: "1" }, initializationOptions: { x: 1 }, settings: { gopls: {} }, workspaceFolder: "sub", startupTimeout: 5000, shutdownTimeout: 100, restartOnCrash: false, maxRestarts: 2 };
    const servers = configuredLspServers([file("/u/settings.json", { go: full, py: { command: "old", extensionToLanguage: { ".py": "python" } } }), file("/p/.nanocode/settings.json", { py: { command: "pyright-langserver", args: ["--stdio"], extensionToLanguage: { ".py": "python" } } })], problems);
    expect(problems).toEqual([]);
    expect(servers.map((s) => [s.name, s.config.command, s.origin])).toEqual([["go", "gopls", "/u/settings.json"], ["py", "pyright-langserver", "/p/.nanocode/settings.json"]]);
    expect(servers[0]!.config).toEqual(full);
    expect(servers[1]!.config.args).toEqual(["--stdio"]);
  });

  test("a bad entry is one line naming the file, the server and the field, and only it is skipped", () => {
    const problems: string[] = [];
    const servers = configuredLspServers([file("/p/s.json", {
      nocmd: { extensionToLanguage: { ".x": "x" } },
      noext: { command: "x" },
      badext: { command: "x", extensionToLanguage: { go: "go" } },
      badtimeout: { command: "x", extensionToLanguage: { ".x": "x" }, startupTimeout: "soon" },
      socket: { command: "x", extensionToLanguage: { ".x": "x" }, transport: "socket" },
      fine: { command: "x", extensionToLanguage: { ".x": "x" } },
    })], problems);
    expect(servers.map((s) => s.name)).toEqual(["fine"]);
    expect(problems).toEqual([
      "/p/s.json: lspServers.nocmd.command: is missing; this language server is skipped",
      "/p/s.json: lspServers.noext.extensionToLanguage: is missing; this language server is skipped",
      '/p/s.json: lspServers.badext.extensionToLanguage.go: extensionToLanguage keys must be extensions such as ".ts"; this language server is skipped',
      "/p/s.json: lspServers.badtimeout.startupTimeout: startupTimeout must be a number of milliseconds; this language server is skipped",
      '/p/s.json: lspServers.socket.transport: "socket" is not supported yet, only "stdio"; this language server is skipped',
    ]);
  });

  test("${VAR} in a server's fields is expanded from the environment", () => {
    const servers = configuredLspServers([file("/p/s.json", { x: { command: "${LSP_BIN}/srv", extensionToLanguage: { ".x": "x" } } })], [], { LSP_BIN: "/opt/bin" });
    expect(servers[0]!.config.command).toBe("/opt/bin/srv");
  });
});

describe("which servers a project has", () => {
  test("a project root is the nearest folder with a marker file", () => {
    const dir = tempDir();
    put(join(dir, "pkg/package.json"), "{}");
    put(join(dir, "pkg/src/deep/a.ts"), "");
    expect(markedRoot(join(dir, "pkg/src/deep"), ["tsconfig.json", "package.json"])).toBe(join(dir, "pkg"));
    expect(markedRoot(join(dir, "other"), ["Cargo.toml"])).toBeUndefined();
  });

  test("no configured server and no marker: no manager, so no LSP tool and no waiting after edits", () => {
    expect(LspManager.forProject([], tempDir())).toBeUndefined();
  });

  test("a configured server counts in any folder; a known one only where its command is on PATH and a marker is at or above", () => {
    const configured = configuredLspServers([file("/p/s.json", { x: { command: "x-server", extensionToLanguage: { ".x": "x" } } })], []);
    expect(LspManager.forProject(configured, tempDir())?.status().map((s) => [s.name, s.state])).toEqual([["x", "idle"]]);
    const rust = tempDir();
    put(join(rust, "Cargo.toml"), "");
    const path = process.env.PATH;
    try {
      process.env.PATH = "/nonexistent";
      expect(LspManager.forProject([], rust)).toBeUndefined();
    } finally {
      process.env.PATH = path;
    }
    expect(KNOWN_SERVERS.map((k) => k.config.command)).toEqual(["typescript-language-server", "pyright-langserver", "basedpyright-langserver", "gopls", "rust-analyzer", "clangd"]);
  });
});

describe("which root a file belongs to", () => {
  test("a file in node_modules goes to the project that installed it, not to its own package.json", async () => {
    const dir = tempDir();
    put(join(dir, "package.json"), "{}");
    put(join(dir, "node_modules/dep/package.json"), "{}");
    put(join(dir, "node_modules/dep/index.js"), "x\n");
    const configured = configuredLspServers([file("/p/s.json", { js: { command: "sh", args: ["-c", "exit 1"], extensionToLanguage: { ".js": "javascript" } } })], []);
    const known = { ...configured[0]!, markers: ["package.json"] };
    const lsp = new LspManager([known], dir, { waitMs: 1 });
    lsp.touch(join(dir, "node_modules/dep/index.js"));
    expect(lsp.status().map((s) => s.root)).toEqual([dir]);
    await lsp.close();
  });
});

test("a configured server replaces the known one of the same name", () => {
  const dir = tempDir();
  put(join(dir, "tsconfig.json"), "{}");
  const path = process.env.PATH;
  process.env.PATH = SERVERS_PATH;
  try {
    const configured = configuredLspServers([file("/p/s.json", { typescript: { command: "my-ts", extensionToLanguage: { ".ts": "typescript" } } })], []);
    expect(LspManager.forProject(configured, dir)!.status().map((s) => [s.name, s.command])).toEqual([["typescript", "my-ts"]]);
  } finally {
    process.env.PATH = path;
  }
});
