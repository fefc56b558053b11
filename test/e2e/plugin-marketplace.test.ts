import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { git, writeFullPlugin, writeMarketplaceRepo } from "../support/plugins.ts";
import { runNanocode } from "../support/run.ts";
import { type RecordedRequest, startScriptedServer } from "../support/scripted-server.ts";
import { put, tempDir } from "../support/tmp.ts";

type Setup = { home: string; work: string; market: string };

/** A home, a project (a git repository) and a marketplace repository, all in temp dirs. */
function setup(): Setup {
  const home = tempDir("nanocode-home-");
  const work = tempDir("nanocode-work-");
  git(work, "init", "-q");
  const market = tempDir("nanocode-market-");
  writeMarketplaceRepo(market);
  return { home, work, market };
}

const plugin = (s: Setup, ...args: string[]) => runNanocode(["plugin", ...args], { cwd: s.work, env: { HOME: s.home }, timeoutMs: 30_000 });
const json = (path: string) => JSON.parse(readFileSync(path, "utf8"));
const firstText = (request: RecordedRequest) => JSON.stringify(request.body.messages[0]);

/** A print-mode session in the project: its init line, stderr and first request. */
async function session(s: Setup, prompt = "hi") {
  const scripted = startScriptedServer({ workdir: s.work, home: s.home, reply: () => [{ type: "text", text: "ok" }] });
  try {
    const result = await runNanocode(["-p", prompt, "--output-format", "stream-json", "--verbose", "--trust"], { cwd: s.work, env: { HOME: s.home, ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: scripted.url } });
    const init = result.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l)).find((l) => l.subtype === "init");
    return { ...result, init, names: (init?.plugins ?? []).map((p: { source: string }) => p.source), first: scripted.requests[0] };
  } finally {
    scripted.stop();
  }
}

describe("a marketplace added by path", () => {
  test("add, list, install at user scope: cached with version and commit, enabled, loaded by the next session", async () => {
    const s = setup();
    const added = await plugin(s, "marketplace", "add", s.market);
    expect(added.stdout).toBe(`Added marketplace team-market (2 plugins) from ${s.market}\n`);
    expect((await plugin(s, "marketplace", "list")).stdout).toBe(`team-market: directory ${s.market} · ${s.market}\n`);
    const installed = await plugin(s, "install", "full@team-market");
    const commit = git(s.market, "rev-parse", "HEAD");
    expect(installed.stdout).toBe(`Installed full@team-market 1.0.0 at user scope (commit ${commit.slice(0, 12)}); it loads in new sessions\n`);
    const cache = join(s.home, ".nanocode/plugins/cache/team-market/full/1.0.0");
    expect(existsSync(join(cache, "commands/hello.md"))).toBe(true);
    const record = json(join(s.home, ".nanocode/plugins/installed_plugins.json"));
    expect(record.version).toBe(2);
    expect(record.plugins["full@team-market"]).toEqual([expect.objectContaining({ scope: "user", installPath: cache, version: "1.0.0", gitCommitSha: commit })]);
    expect(json(join(s.home, ".nanocode/settings.json")).enabledPlugins).toEqual({ "full@team-market": true });
    // Nothing is fetched at start-up: the marketplace may be gone, the cached plugin still loads.
    rmSync(s.market, { recursive: true, force: true });
    const { init, stderr, first } = await session(s, "/full:hello there");
    expect(stderr).toBe("");
    expect(init.plugins).toEqual([{ name: "full", path: cache, source: "full@team-market" }]);
    expect(firstText(first!)).toContain("PLUGIN_COMMAND_MARKER hello there");
  });

  test("install at project and local scope writes the project's settings; disable and enable switch it", async () => {
    const s = setup();
    await plugin(s, "marketplace", "add", s.market);
    const project = await plugin(s, "install", "bare@team-market", "--scope", "project");
    expect(project.stdout).toMatch(/^Installed bare@team-market [0-9a-f]{12} at project scope \(commit [0-9a-f]{12}\); it loads in new sessions\n$/);
    expect(json(join(s.work, ".nanocode/settings.json")).enabledPlugins).toEqual({ "bare@team-market": true });
    expect((await plugin(s, "install", "full", "--scope", "local")).code).toBe(0);
    expect(json(join(s.work, ".nanocode/settings.local.json")).enabledPlugins).toEqual({ "full@team-market": true });
    expect((await session(s)).names).toEqual(["bare@team-market", "full@team-market"]);
    expect((await plugin(s, "disable", "bare@team-market", "--scope", "project")).stdout).toBe("Disabled bare@team-market at project scope\n");
    expect((await session(s)).names).toEqual(["full@team-market"]);
    await plugin(s, "enable", "bare@team-market", "--scope", "project");
    const again = await session(s, "/bare-cmd now");
    expect(again.names).toEqual(["bare@team-market", "full@team-market"]);
    expect(firstText(again.first!)).toContain("BARE_COMMAND_MARKER now");
  });

  test("list shows each plugin's state and what an enabled one adds; uninstall removes the cache and the setting", async () => {
    const s = setup();
    await plugin(s, "marketplace", "add", s.market);
    await plugin(s, "install", "full@team-market");
    const listed = await plugin(s, "list");
    expect(listed.stdout).toBe(
      "Available in team-market:\n    bare: no manifest\nfull@team-market: enabled · installed: user 1.0.0\n    adds: commands, skills, agents, outputStyles, 1 hook group, MCP server every, LSP server none, bin/ on PATH\n",
    );
    expect((await plugin(s, "uninstall", "full@team-market")).stdout).toBe("Uninstalled full@team-market at user scope\n");
    expect(existsSync(join(s.home, ".nanocode/plugins/cache/team-market/full/1.0.0"))).toBe(false);
    expect(json(join(s.home, ".nanocode/settings.json")).enabledPlugins).toEqual({});
    const after = await session(s);
    expect(after.names).toEqual([]);
    expect(after.stderr).toBe("");
  });

  test("mistakes are one line each, and change nothing", async () => {
    const s = setup();
    expect((await plugin(s, "install", "full@nowhere")).stderr).toBe('Error: no marketplace named "nowhere" (nanocode plugin marketplace list)\n');
    expect((await plugin(s, "marketplace", "add", join(s.work, "missing"))).stderr).toBe(`Error: ${join(s.work, "missing")} is neither a folder, a git URL nor a GitHub owner/repo\n`);
    expect((await plugin(s, "marketplace", "add", s.work)).stderr).toBe(`Error: ${join(s.work, ".claude-plugin/marketplace.json")} does not exist: not a marketplace\n`);
    await plugin(s, "marketplace", "add", s.market);
    expect((await plugin(s, "install", "ghost@team-market")).stderr).toBe('Error: no plugin "ghost" in marketplace "team-market"\n');
    expect((await plugin(s, "install", "full", "--scope", "global")).stderr).toBe("Error: --scope must be user, project or local (got 'global')\n");
    expect((await plugin(s, "enable", "full@team-market")).stderr).toBe("Error: full@team-market is not installed (nanocode plugin install full@team-market)\n");
    expect((await plugin(s, "uninstall", "full@team-market")).stderr).toBe("Error: full@team-market is not installed at user scope\n");
    expect(existsSync(join(s.home, ".nanocode/settings.json"))).toBe(false);
  });
});

describe("a team's marketplace offered by extraKnownMarketplaces", () => {
  test("nothing is added or installed from it until the user adds it; list and install say how", async () => {
    const s = setup();
    put(join(s.home, ".claude/settings.json"), JSON.stringify({ trustedFolders: [s.work] }));
    put(join(s.work, ".claude/settings.json"), JSON.stringify({ extraKnownMarketplaces: { "team-market": { source: { source: "directory", path: s.market } } }, enabledPlugins: { "full@team-market": true } }));
    const started = await session(s);
    expect(started.stderr).toBe("");
    expect(started.names).toEqual([]);
    expect((await plugin(s, "marketplace", "list")).stdout).toBe(`No marketplaces added. Add one with: nanocode plugin marketplace add <folder | git URL | owner/repo>\nteam-market: offered by the project's settings, not added (nanocode plugin marketplace add ${s.market})\n`);
    expect((await plugin(s, "install", "full@team-market")).stderr).toBe(`Error: marketplace team-market is offered by the project's settings but not added; add it first if you trust it: nanocode plugin marketplace add ${s.market}\n`);
    await plugin(s, "marketplace", "add", s.market);
    expect((await plugin(s, "install", "full@team-market")).code).toBe(0);
    expect((await session(s)).names).toEqual(["full@team-market"]);
  });
});

describe("a marketplace added by file:// git URL", () => {
  test("it is cloned; after a new commit, marketplace update and plugin update bring the new version", async () => {
    const s = setup();
    const url = `file://${s.market}`;
    expect((await plugin(s, "marketplace", "add", url)).stdout).toBe(`Added marketplace team-market (2 plugins) from ${url}\n`);
    const clone = join(s.home, ".nanocode/plugins/marketplaces/team-market");
    expect(existsSync(join(clone, ".claude-plugin/marketplace.json"))).toBe(true);
    await plugin(s, "install", "full@team-market");
    expect((await plugin(s, "update", "full@team-market")).stdout).toBe("full@team-market is up to date (1.0.0)\n");
    writeFullPlugin(join(s.market, "plugins/full"), "full", "1.1.0");
    put(join(s.market, "plugins/full/commands/hello.md"), "NEW_COMMAND_MARKER $ARGUMENTS\n");
    git(s.market, "commit", "-qam", "second");
    expect((await plugin(s, "marketplace", "update", "team-market")).stdout).toBe(`Updated marketplace team-market: at ${git(s.market, "rev-parse", "HEAD").slice(0, 12)}\n`);
    expect((await plugin(s, "update", "full@team-market")).stdout).toBe("Updated full@team-market from 1.0.0 to 1.1.0\n");
    const { first, init } = await session(s, "/full:hello v2");
    expect(init.plugins[0].path).toBe(join(s.home, ".nanocode/plugins/cache/team-market/full/1.1.0"));
    expect(firstText(first!)).toContain("NEW_COMMAND_MARKER v2");
    expect((await plugin(s, "marketplace", "remove", "team-market")).stdout).toBe("Removed marketplace team-market; plugins installed from it stay installed\n");
    expect(existsSync(clone)).toBe(false);
    expect((await session(s)).names).toEqual(["full@team-market"]);
  });

  test("plugin sources: a git repository by URL and ref, a subdirectory of one, an npm package by npm pack", async () => {
    const s = setup();
    const repo = tempDir("nanocode-plugin-repo-");
    writeFullPlugin(join(repo, "tools/sub"), "sub", "2.0.0");
    writeFullPlugin(repo, "whole", "3.0.0");
    git(repo, "init", "-q");
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "one");
    git(repo, "tag", "v3");
    const pkg = tempDir("nanocode-npm-");
    put(join(pkg, "package.json"), JSON.stringify({ name: "nano-plugin-pkg", version: "4.0.0" }));
    put(join(pkg, "commands/npm-cmd.md"), "NPM_COMMAND_MARKER\n");
    const market = tempDir("nanocode-market-");
    put(
      join(market, ".claude-plugin/marketplace.json"),
      JSON.stringify({
        name: "git-market",
        owner: { name: "x" },
        plugins: [
          { name: "whole", source: { source: "url", url: `file://${repo}`, ref: "v3" } },
          { name: "sub", source: { source: "git-subdir", url: `file://${repo}`, path: "tools/sub" } },
          // npm pack takes a folder as it takes a registry name: the test needs no registry.
          { name: "pkg", source: { source: "npm", package: pkg } },
        ],
      }),
    );
    await plugin(s, "marketplace", "add", market);
    const commit = git(repo, "rev-parse", "HEAD").slice(0, 12);
    expect((await plugin(s, "install", "whole@git-market")).stdout).toBe(`Installed whole@git-market 3.0.0 at user scope (commit ${commit}); it loads in new sessions\n`);
    expect((await plugin(s, "install", "sub@git-market")).stdout).toBe(`Installed sub@git-market 2.0.0 at user scope (commit ${commit}); it loads in new sessions\n`);
    expect(existsSync(join(s.home, ".nanocode/plugins/cache/git-market/whole/3.0.0/.git"))).toBe(false);
    expect((await plugin(s, "install", "pkg@git-market")).stdout).toBe("Installed pkg@git-market 4.0.0 at user scope; it loads in new sessions\n");
    expect(existsSync(join(s.home, ".nanocode/plugins/cache/git-market/pkg/4.0.0/commands/npm-cmd.md"))).toBe(true);
    const started = await session(s, "/pkg:npm-cmd");
    expect(started.names).toEqual(["whole@git-market", "sub@git-market", "pkg@git-market"]);
    expect(firstText(started.first!)).toContain("NPM_COMMAND_MARKER");
  });
});

describe("a marketplace.json at a URL", () => {
  test("it is downloaded; its plugins come from their own git sources; update downloads it again", async () => {
    const s = setup();
    let served: { name: string; plugins: unknown[] } = { name: "web-market", plugins: [] };
    const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (request) => (new URL(request.url).pathname === "/m.json" ? Response.json(served) : new Response("no", { status: 404 })) });
    try {
      const url = `http://127.0.0.1:${server.port}/m.json`;
      expect((await plugin(s, "marketplace", "add", url)).stdout).toBe(`Added marketplace web-market (0 plugins) from ${url}\n`);
      expect((await plugin(s, "marketplace", "add", `http://127.0.0.1:${server.port}/gone.json`)).stderr).toBe(`Error: http://127.0.0.1:${server.port}/gone.json: HTTP 404\n`);
      expect((await plugin(s, "install", "full@web-market")).stderr).toBe('Error: no plugin "full" in marketplace "web-market"\n');
      served = { ...served, plugins: [{ name: "full", source: { source: "git-subdir", url: `file://${s.market}`, path: "plugins/full" } }] };
      expect((await plugin(s, "marketplace", "update", "web-market")).stdout).toBe("Updated marketplace web-market: downloaded again\n");
      expect((await plugin(s, "install", "full@web-market")).stdout).toMatch(/^Installed full@web-market 1\.0\.0 at user scope/);
      expect((await session(s)).names).toEqual(["full@web-market"]);
    } finally {
      server.stop(true);
    }
  });
});

describe("/plugin in a session", () => {
  test("lists what is installed and available, and installs from there for the next session", async () => {
    const s = setup();
    await plugin(s, "marketplace", "add", s.market);
    const slash = (prompt: string) => runNanocode(["-p", prompt], { cwd: s.work, env: { HOME: s.home, ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: "http://127.0.0.1:9" } });
    expect((await slash("/plugin")).stdout).toBe("No plugins installed. Add a marketplace and install one: nanocode plugin marketplace add <source>\nAvailable in team-market:\n    full: every component kind\n    bare: no manifest\n");
    expect((await slash("/plugin install bare@team-market")).stdout).toMatch(/^Installed bare@team-market [0-9a-f]{12} at user scope/);
    expect((await slash("/plugin enable nothing")).stdout).toBe("nanocode plugin enable: name the plugin as <plugin>@<marketplace>\n");
    expect((await session(s)).names).toEqual(["bare@team-market"]);
  });
});

describe("validate", () => {
  test("a marketplace folder: each plugin checked, with what it adds", async () => {
    const s = setup();
    const out = await plugin(s, "validate", s.market);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe("marketplace team-market: 2 plugins\n✓ plugin full: commands, skills, agents, outputStyles, 1 hook group, MCP server every, LSP server none, bin/ on PATH\n✓ plugin bare: commands\n");
  });

  test("a broken plugin fails with the cause", async () => {
    const s = setup();
    put(join(s.work, "bad/.claude-plugin/plugin.json"), '{"name": "bad", "skills": "../../etc"}');
    const out = await plugin(s, "validate", join(s.work, "bad"));
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('✗ plugin bad: "skills" path ../../etc leads outside the plugin\'s folder\n');
  });
});
