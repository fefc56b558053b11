import { beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Message } from "../../src/model/messages.ts";
import { EVERYTHING } from "../support/mcp-servers.ts";
import { writeBarePlugin, writeFullPlugin } from "../support/plugins.ts";
import { runNanocode } from "../support/run.ts";
import { type RecordedRequest, type Reply, startScriptedServer } from "../support/scripted-server.ts";
import { put, tempDir } from "../support/tmp.ts";

let plugins: string;

beforeAll(() => {
  plugins = tempDir("nanocode-plugins-");
  writeFullPlugin(join(plugins, "full"));
  writeBarePlugin(join(plugins, "bare"));
});

const texts = (message: Message | undefined) => (typeof message?.content === "string" ? [message.content] : (message?.content ?? []).map((b) => (b.type === "text" ? b.text : b.type === "tool_result" ? `tool_result:${JSON.stringify(b.content)}` : b.type)));
const systemText = (request: RecordedRequest) => (request.body.system as { text: string }[]).map((b) => b.text).join("\n");

/** A project and a home of its own (`setup` fills them; without it the two plugins are given by --plugin-dir), in print mode. */
async function run(prompt: string, reply: (request: RecordedRequest, index: number) => Reply, extra: string[] = [], setup?: (work: string, home: string) => void) {
  const home = tempDir("nanocode-home-");
  const work = tempDir("nanocode-work-");
  setup?.(work, home);
  const scripted = startScriptedServer({ workdir: work, home, reply });
  try {
    const flags = [...(setup ? [] : ["--plugin-dir", join(plugins, "full"), "--plugin-dir", join(plugins, "bare")]), ...extra];
    const result = await runNanocode(["-p", prompt, "--output-format", "stream-json", "--verbose", ...flags], { cwd: work, env: { HOME: home, ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: scripted.url }, timeoutMs: 40_000 });
    const lines = result.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l));
    return { ...result, lines, init: lines.find((l) => l.subtype === "init"), last: lines.at(-1), requests: scripted.requests, work, home };
  } finally {
    scripted.stop();
  }
}

/** Replies with `call` first, then with the text of the last tool result. */
const callThenEcho = (call: { name: string; input: Record<string, unknown> }) => (request: RecordedRequest): Reply => {
  const turns = request.body.messages.filter((m) => m.role === "assistant").length;
  return turns === 0 ? [{ type: "tool_use", ...call }] : [{ type: "text", text: "{{last_tool_result}}" }];
};

describe("a plugin folder given by --plugin-dir, in print mode", () => {
  test("system/init lists the plugins, their namespaced commands, skills and agents, and MCP server; stderr is empty", async () => {
    const { init, stderr, code } = await run("hi", () => [{ type: "text", text: "ok" }]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(init.plugins).toEqual([
      { name: "full", path: join(plugins, "full"), source: "full@inline" },
      { name: "bare", path: join(plugins, "bare"), source: "bare@inline" },
    ]);
    expect(init.slash_commands).toEqual(expect.arrayContaining(["full:hello", "full:review", "bare:bare-cmd"]));
    expect(init.skills).toContain("full:review");
    expect(init.agents).toContain("full:checker");
    expect(init.mcp_servers.map((s: { name: string }) => s.name)).toEqual(["plugin:full:every"]);
  });

  test("/full:hello runs the plugin's command, and /hello reaches it without the prefix", async () => {
    for (const prompt of ["/full:hello world", "/hello world"]) {
      const { requests, stderr } = await run(prompt, () => [{ type: "text", text: "done" }]);
      expect(stderr).toBe("");
      expect(texts(requests[0]!.body.messages[0]).join("\n")).toContain("PLUGIN_COMMAND_MARKER hello world");
    }
  });

  test("the plugin's skill is listed to the model and runs through the Skill tool", async () => {
    const { requests, last } = await run("review it", callThenEcho({ name: "Skill", input: { skill: "full:review", args: "the diff" } }));
    expect(systemText(requests[0]!)).toContain("full:review: PLUGIN_SKILL_DESC review the change");
    expect(JSON.stringify(requests[1]!.body.messages)).toContain("PLUGIN_SKILL_BODY review the diff");
    expect(last.subtype).toBe("success");
  });

  test("its hook blocks a Bash call, and sees CLAUDE_PLUGIN_ROOT and CLAUDE_PLUGIN_DATA", async () => {
    const { last, work, home } = await run("clean", callThenEcho({ name: "Bash", input: { command: "rm -rf build" } }), ["--allowedTools", "Bash"]);
    expect(last.result).toContain("PLUGIN_HOOK_BLOCKED rm is not allowed");
    const env = readFileSync(join(work, "hook-env.txt"), "utf8");
    expect(env).toBe(`root=${join(plugins, "full")} data=${join(home, ".nanocode/plugins/data/full-inline")}\n`);
    expect(existsSync(join(home, ".nanocode/plugins/data/full-inline"))).toBe(true);
  });

  test("its bin/ script is on the Bash tool's PATH", async () => {
    const { last } = await run("run it", callThenEcho({ name: "Bash", input: { command: "plugin-tool one two" } }), ["--allowedTools", "Bash"]);
    expect(last.result).toContain("PLUGIN_BIN_RAN one two");
  });

  test("its MCP server, started through ${CLAUDE_PLUGIN_ROOT}, answers the model's call", async () => {
    const { last, stderr } = await run("echo", callThenEcho({ name: "mcp__plugin_full_every__echo", input: { message: "from the plugin" } }), ["--allowedTools", "mcp__plugin_full_every__echo"]);
    expect(stderr).toBe("");
    expect(last.result).toContain("from the plugin");
  });

  test("its output style is chosen by outputStyle as full:terse", async () => {
    const { requests, stderr } = await run("hi", () => [{ type: "text", text: "ok" }], ["--settings", '{"outputStyle": "full:terse"}']);
    expect(stderr).toBe("");
    expect(systemText(requests[0]!)).toContain("Answer in one line.");
  });

  test("hooks and servers named in the manifest, inline or by path, load beside the standard files", async () => {
    const root = join(tempDir("nanocode-manifest-"), "listed");
    put(join(root, "more-hooks.json"), JSON.stringify({ hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "echo INLINE_PATH_HOOK >&2; exit 2" }] }] } }));
    put(join(root, "extra/cmds/go.md"), "EXTRA_COMMAND_MARKER\n");
    put(join(root, "inline.mjs"), `await import(${JSON.stringify(EVERYTHING)});\n`);
    put(join(root, ".claude-plugin/plugin.json"), JSON.stringify({ name: "listed", commands: ["./extra/cmds"], hooks: "./more-hooks.json", mcpServers: { inline: { command: "node", args: ["${CLAUDE_PLUGIN_ROOT}/inline.mjs", "stdio"] } } }));
    const { init, last, stderr } = await run("x", callThenEcho({ name: "Bash", input: { command: "echo hi" } }), ["--plugin-dir", root, "--allowedTools", "Bash"]);
    expect(init.slash_commands).toContain("listed:go");
    expect(init.mcp_servers.map((s: { name: string }) => s.name)).toContain("plugin:listed:inline");
    expect(last.result).toContain("INLINE_PATH_HOOK");
    expect(stderr).toBe("");
  });

  test("its agent is used by the Agent tool as full:checker", async () => {
    const reply = (request: RecordedRequest): Reply => {
      if (systemText(request).includes("PLUGIN_AGENT_PROMPT")) return [{ type: "text", text: "CHECKER_SAYS fine" }];
      return callThenEcho({ name: "Agent", input: { description: "Check", prompt: "Check it", subagent_type: "full:checker" } })(request);
    };
    const { last, requests } = await run("check", reply);
    expect(requests.some((r) => systemText(r).includes("PLUGIN_AGENT_PROMPT You check things."))).toBe(true);
    expect(last.result).toContain("CHECKER_SAYS fine");
  });
});

describe("a broken plugin is one line naming it and the cause, and the rest loads", () => {
  const cases: Array<[string, (root: string) => void, RegExp]> = [
    ["a manifest that is not JSON", (root) => put(join(root, ".claude-plugin/plugin.json"), "{ name: "), /^nanocode: plugin broken: .*plugin\.json: invalid JSON .*; it is skipped$/],
    ["a manifest without a name", (root) => put(join(root, ".claude-plugin/plugin.json"), "{}"), /^nanocode: plugin broken: .*plugin\.json: field "name": .*; it is skipped$/],
    ["a name with a space", (root) => put(join(root, ".claude-plugin/plugin.json"), '{"name": "my plugin"}'), /^nanocode: plugin broken: .*field "name": must be letters.*; it is skipped$/],
    ["a commands path leading outside", (root) => put(join(root, ".claude-plugin/plugin.json"), '{"name": "broken", "commands": "../full/commands"}'), /^nanocode: plugin broken: "commands" path \.\.\/full\/commands leads outside the plugin's folder; it is skipped$/],
    ["a missing agents path", (root) => put(join(root, ".claude-plugin/plugin.json"), '{"name": "broken", "agents": "./nowhere"}'), /^nanocode: plugin broken: "agents" path \.\/nowhere does not exist; it is skipped$/],
    ["a hooks file that is not JSON", (root) => put(join(root, "hooks/hooks.json"), "nope"), /^nanocode: plugin broken: .*hooks\.json: invalid JSON .*; it is skipped$/],
    ["an .mcp.json that is a list", (root) => put(join(root, ".mcp.json"), "[]"), /^nanocode: plugin broken: mcpServers must be an object of servers by name; it is skipped$/],
  ];
  for (const [what, breakIt, line] of cases) {
    test(what, async () => {
      const root = join(tempDir("nanocode-broken-"), "broken");
      put(join(root, "commands/x.md"), "x\n");
      breakIt(root);
      const { init, stderr } = await run("hi", () => [{ type: "text", text: "ok" }], ["--plugin-dir", root]);
      expect(stderr.trim()).toMatch(line);
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expect(init.plugins.map((p: { name: string }) => p.name)).toEqual(["full", "bare"]);
    });
  }

  test("a plugin folder that does not exist", async () => {
    const { stderr, init } = await run("hi", () => [{ type: "text", text: "ok" }], ["--plugin-dir", "/nonexistent/plugin"]);
    expect(stderr).toBe("nanocode: plugin plugin: its folder /nonexistent/plugin does not exist; it is skipped\n");
    expect(init.plugins).toHaveLength(2);
  });

  test("an unknown manifest field is dropped in silence at start-up (validate warns of it), and the plugin loads", async () => {
    const root = join(tempDir("nanocode-odd-"), "odd");
    put(join(root, ".claude-plugin/plugin.json"), '{"name": "odd", "flavour": "sweet"}');
    const { stderr, init } = await run("hi", () => [{ type: "text", text: "ok" }], ["--plugin-dir", root]);
    expect(stderr).toBe("");
    expect(init.plugins.map((p: { name: string }) => p.name)).toContain("odd");
    const validated = await runNanocode(["plugin", "validate", root], { cwd: root });
    expect(validated.stdout).toBe(`⚠ ${join(root, ".claude-plugin/plugin.json")}: unknown field "flavour" is ignored\n✓ plugin odd: nothing\n`);
    expect(validated.code).toBe(0);
  });

  test("userConfig: values from pluginConfigs (or defaults) reach ${user_config.KEY} and CLAUDE_PLUGIN_OPTION_KEY; a required one unset is one line", async () => {
    const root = join(tempDir("nanocode-config-"), "configured");
    put(
      join(root, ".claude-plugin/plugin.json"),
      JSON.stringify({
        name: "configured",
        userConfig: { level: { title: "Level", required: true }, mode: { default: "safe" }, token: { title: "Token", required: true } },
        hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: 'echo "cmd=${user_config.level} env=$CLAUDE_PLUGIN_OPTION_LEVEL mode=$CLAUDE_PLUGIN_OPTION_MODE" >&2; exit 2' }] }] },
      }),
    );
    const settings = JSON.stringify({ pluginConfigs: { "configured@inline": { options: { level: 3 } } } });
    const { last, stderr } = await run("x", callThenEcho({ name: "Bash", input: { command: "echo hi" } }), ["--plugin-dir", root, "--settings", settings, "--allowedTools", "Bash"]);
    expect(last.result).toContain("cmd=3 env=3 mode=safe");
    expect(stderr).toBe('nanocode: plugin configured@inline: its option "token" (Token) is not set: set pluginConfigs["configured@inline"].options.token in settings\n');
  });
});

describe("plugins Claude Code installed, under ~/.claude/plugins", () => {
  const claudeLayout = (work: string, home: string) => {
    const installPath = join(home, ".claude/plugins/cache/team-market/full/1.0.0");
    writeFullPlugin(installPath, "full");
    writeBarePlugin(join(home, ".claude/plugins/cache/team-market/bare/abc123"));
    put(
      join(home, ".claude/plugins/installed_plugins.json"),
      JSON.stringify({
        version: 2,
        plugins: {
          "full@team-market": [{ scope: "user", installPath, version: "1.0.0", installedAt: "2026-01-01T00:00:00.000Z", lastUpdated: "2026-01-01T00:00:00.000Z", gitCommitSha: "abc" }],
          "bare@team-market": [{ scope: "project", projectPath: work, installPath: join(home, ".claude/plugins/cache/team-market/bare/abc123"), version: "abc123" }],
        },
      }),
    );
    put(join(home, ".claude/plugins/known_marketplaces.json"), JSON.stringify({ "team-market": { source: { source: "directory", path: "/x" }, installLocation: "/x" } }));
    put(join(home, ".claude/settings.json"), JSON.stringify({ enabledPlugins: { "full@team-market": true, "bare@team-market": true, "gone@team-market": false } }));
  };

  test("enabled in settings, they load with no step: names from the manifest or the marketplace entry", async () => {
    const { init, stderr, requests, home } = await run("/bare-cmd go", () => [{ type: "text", text: "ok" }], [], claudeLayout);
    expect(stderr).toBe("");
    expect(init.plugins).toEqual([
      { name: "full", path: join(home, ".claude/plugins/cache/team-market/full/1.0.0"), source: "full@team-market" },
      { name: "bare", path: join(home, ".claude/plugins/cache/team-market/bare/abc123"), source: "bare@team-market" },
    ]);
    expect(texts(requests[0]!.body.messages[0]).join("\n")).toContain("BARE_COMMAND_MARKER go");
    // Read only: nanocode wrote nothing into Claude Code's folder.
    expect(existsSync(join(home, ".claude/plugins/data"))).toBe(false);
  });

  test("a plugin enabled but installed nowhere is passed over in silence at start-up, and plugin list says so", async () => {
    const { stderr, init, work, home } = await run("hi", () => [{ type: "text", text: "ok" }], [], (work, home) => {
      claudeLayout(work, home);
      put(join(home, ".claude/settings.json"), JSON.stringify({ enabledPlugins: { "missing@team-market": true } }));
    });
    expect(stderr).toBe("");
    expect(init.plugins).toEqual([]);
    const listed = await runNanocode(["plugin", "list"], { cwd: work, env: { HOME: home } });
    expect(listed.stdout).toContain("missing@team-market: enabled, not loaded · not installed\n");
    expect(listed.stdout).toContain("full@team-market: disabled · installed: user 1.0.0 (Claude Code's)\n");
  });
});
