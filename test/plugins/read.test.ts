import { describe, expect, test } from "bun:test";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { loadAgents } from "../../src/agents/load.ts";
import { configuredServers } from "../../src/mcp/config.ts";
import { loadPlugins, withPluginHooks } from "../../src/plugins/load.ts";
import { readPlugin } from "../../src/plugins/read.ts";
import { loadCatalog } from "../../src/skills/catalog.ts";
import { writeBarePlugin, writeFullPlugin } from "../support/plugins.ts";
import { put, tempDir } from "../support/tmp.ts";

const dataDir = (id: string) => `/data/${id}`;
const read = (root: string, options: { id?: string; fallbackName?: string } = {}) => readPlugin(root, { ...options, dataDir });

describe("reading a plugin folder", () => {
  test("the standard layout: every kind found, hooks' ${CLAUDE_PLUGIN_ROOT} replaced, bin/ noted", () => {
    const root = join(tempDir(), "full");
    writeFullPlugin(root);
    const got = read(root);
    if (!("plugin" in got)) throw new Error(got.broken);
    expect(got.warnings).toEqual([]);
    const { plugin } = got;
    expect(plugin.name).toBe("full");
    expect(plugin.id).toBe("full@inline");
    expect(plugin.dataDir).toBe("/data/full@inline");
    expect(plugin.folders).toEqual({ commands: [join(root, "commands")], agents: [join(root, "agents")], skills: [join(root, "skills")], outputStyles: [join(root, "output-styles")] });
    expect(plugin.hooks.PreToolUse?.[0]?.hooks[0]?.command).toBe(`${root}/hooks/guard.sh`);
    expect(Object.keys(plugin.mcpServers)).toEqual(["every"]);
    expect(Object.keys(plugin.lspServers)).toEqual(["none"]);
    expect(plugin.bin).toBe(join(root, "bin"));
  });

  test("without a manifest the name is the marketplace entry's, else the folder's", () => {
    const root = join(tempDir(), "folder-name");
    writeBarePlugin(root);
    expect(read(root)).toMatchObject({ plugin: { name: "folder-name", id: "folder-name@inline" } });
    expect(read(root, { id: "entry@market", fallbackName: "entry" })).toMatchObject({ plugin: { name: "entry", id: "entry@market" } });
  });

  test("a manifest's paths add to the standard folders; a skills path may be one skill's folder", async () => {
    const root = join(tempDir(), "extra");
    put(join(root, "commands/a.md"), "A\n");
    put(join(root, "more/b.md"), "B\n");
    put(join(root, "one-skill/SKILL.md"), "---\ndescription: the one\n---\nONE\n");
    put(join(root, ".claude-plugin/plugin.json"), JSON.stringify({ name: "extra", commands: ["./more", "./commands"], skills: "./one-skill" }));
    const got = read(root);
    if (!("plugin" in got)) throw new Error(got.broken);
    expect(got.plugin.folders.commands).toEqual([join(root, "commands"), join(root, "more")]);
    const { catalog } = await loadCatalog({ cwd: tempDir(), home: tempDir(), plugins: [got.plugin] });
    expect(catalog.list().filter((c) => c.plugin).map((c) => c.name)).toEqual(["extra:one-skill", "extra:a", "extra:b"]);
  });

  test("a manifest may name single command and agent files", async () => {
    const root = join(tempDir(), "single");
    put(join(root, "special/one.md"), "ONE_FILE\n");
    put(join(root, "special/ignored.md"), "NOT_LISTED\n");
    put(join(root, "roles/reviewer.md"), "---\nname: reviewer\ndescription: reviews\n---\nREVIEWS\n");
    put(join(root, ".claude-plugin/plugin.json"), JSON.stringify({ name: "single", commands: ["./special/one.md"], agents: "./roles/reviewer.md" }));
    const got = read(root);
    if (!("plugin" in got)) throw new Error(got.broken);
    const { catalog } = await loadCatalog({ cwd: tempDir(), home: tempDir(), plugins: [got.plugin] });
    expect(catalog.list().filter((c) => c.plugin).map((c) => c.name)).toEqual(["single:one"]);
    const { agents } = await loadAgents(tempDir(), [], tempDir(), [got.plugin]);
    expect(agents.map((a) => a.name)).toContain("single:reviewer");
  });

  test("a path leading outside through a symbolic link breaks the plugin", () => {
    const outside = tempDir();
    const root = join(tempDir(), "linked");
    put(join(root, ".claude-plugin/plugin.json"), JSON.stringify({ name: "linked", agents: "./agents-link" }));
    symlinkSync(outside, join(root, "agents-link"));
    expect(read(root)).toEqual({ broken: 'plugin linked: "agents" path ./agents-link leads outside the plugin\'s folder; it is skipped' });
  });

  test("a bad hook entry is a warning naming the file and field; the plugin's other hooks load", () => {
    const root = join(tempDir(), "hooky");
    put(join(root, "hooks/hooks.json"), JSON.stringify({ hooks: { PreToolUse: [{ hooks: [{ type: "prompt", command: "x" }] }, { hooks: [{ type: "command", command: "ok" }] }], NoSuchEvent: [] } }));
    const got = read(root);
    if (!("plugin" in got)) throw new Error(got.broken);
    expect(got.plugin.hooks.PreToolUse?.map((g) => g.hooks[0]?.command)).toEqual(["ok"]);
    expect(got.warnings).toHaveLength(2);
    expect(got.warnings[0]).toContain(`${join(root, "hooks/hooks.json")}: field "hooks.PreToolUse.0"`);
    expect(got.warnings[1]).toContain('field "hooks.NoSuchEvent": no hook event has this name');
  });

  test("inline hooks in the manifest, as events or under hooks", () => {
    const root = join(tempDir(), "inline");
    put(join(root, ".claude-plugin/plugin.json"), JSON.stringify({ name: "inline", hooks: [{ Stop: [{ hooks: [{ type: "command", command: "${CLAUDE_PLUGIN_DATA}/s" }] }] }, { hooks: { Stop: [{ hooks: [{ type: "command", command: "two" }] }] } }] }));
    const got = read(root);
    if (!("plugin" in got)) throw new Error(got.broken);
    expect(got.plugin.hooks.Stop?.map((g) => g.hooks[0]?.command)).toEqual(["/data/inline@inline/s", "two"]);
  });
});

describe("what plugins feed into the session's registries", () => {
  const plugins = () => {
    const base = tempDir();
    writeFullPlugin(join(base, "full"));
    writeFullPlugin(join(base, "twin"), "twin");
    return loadPlugins({ settings: {}, dirs: [join(base, "full"), join(base, "twin"), join(base, "full")], cwd: base });
  };

  test("a second plugin of the same name is one line and skipped", () => {
    const { plugins: loaded, problems } = plugins();
    expect(loaded.map((p) => p.name)).toEqual(["full", "twin"]);
    expect(problems).toEqual(['plugin full@inline: another plugin named "full" is loaded already; it is skipped']);
  });

  test("a name two plugins share needs its prefix; a unique one does not", async () => {
    const { plugins: loaded } = plugins();
    put(join(loaded[1]!.root, "commands/only.md"), "ONLY\n");
    const { catalog } = await loadCatalog({ cwd: tempDir(), home: tempDir(), plugins: loaded });
    expect(catalog.get("hello")).toBeUndefined();
    expect(catalog.get("full:hello")?.body).toContain("PLUGIN_COMMAND_MARKER");
    expect(catalog.get("only")?.name).toBe("twin:only");
  });

  test("agents are <plugin>:<agent>, after the user's own", async () => {
    const { plugins: loaded } = plugins();
    const home = tempDir();
    put(join(home, ".claude/agents/checker.md"), "---\nname: checker\ndescription: mine\n---\nMINE\n");
    const { agents } = await loadAgents(tempDir(), [], home, loaded);
    expect(agents.filter((a) => a.name.endsWith("checker")).map((a) => a.name)).toEqual(["checker", "full:checker", "twin:checker"]);
  });

  test("hooks follow the settings' own, each command with its plugin's environment", () => {
    const { plugins: loaded } = plugins();
    const { config, env } = withPluginHooks({ PreToolUse: [{ hooks: [{ type: "command", command: "mine" }] }] }, loaded);
    expect(config.PreToolUse?.map((g) => g.hooks[0]?.command)).toEqual(["mine", `${loaded[0]!.root}/hooks/guard.sh`, `${loaded[1]!.root}/hooks/guard.sh`]);
    expect(env.get(`${loaded[1]!.root}/hooks/guard.sh`)).toEqual({ CLAUDE_PLUGIN_ROOT: loaded[1]!.root, CLAUDE_PLUGIN_DATA: loaded[1]!.dataDir });
    expect(env.has("mine")).toBe(false);
  });

  test("MCP servers are plugin:<plugin>:<server>, with the plugin's variables expanded and in their environment", () => {
    const { plugins: loaded } = plugins();
    const { servers, problems } = configuredServers({ settings: {}, flags: [], strict: false, cwd: tempDir(), trusted: false, startPending: true, plugins: loaded });
    expect(problems).toEqual([]);
    expect(servers.map((s) => s.name)).toEqual(["plugin:full:every", "plugin:twin:every"]);
    expect(servers[0]!.config).toMatchObject({ args: [`${loaded[0]!.root}/server.mjs`, "stdio"], env: { CLAUDE_PLUGIN_ROOT: loaded[0]!.root } });
  });
});
