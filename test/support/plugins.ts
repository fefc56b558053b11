// Plugins and marketplaces as Claude Code's users publish them, written into temp dirs for the tests.
import { chmodSync } from "node:fs";
import { join } from "node:path";
import { EVERYTHING } from "./mcp-servers.ts";
import { put } from "./tmp.ts";

/**
 * A plugin with every component kind: a command, a skill, an agent, a hook that blocks
 * `rm` and writes its env to a file, an MCP server started through ${CLAUDE_PLUGIN_ROOT}, a bin/
 * script, an output style and an LSP server entry.
 */
export function writeFullPlugin(root: string, name = "full", version = "1.0.0"): void {
  put(join(root, ".claude-plugin/plugin.json"), JSON.stringify({ name, version, description: "FULL_DESC every component kind", author: { name: "Tester" } }));
  put(join(root, "commands/hello.md"), "---\ndescription: say hello from the plugin\n---\nPLUGIN_COMMAND_MARKER hello $ARGUMENTS\n");
  put(join(root, "skills/review/SKILL.md"), "---\nname: review\ndescription: PLUGIN_SKILL_DESC review the change\n---\nPLUGIN_SKILL_BODY review $ARGUMENTS\n");
  put(join(root, "agents/checker.md"), "---\nname: checker\ndescription: PLUGIN_AGENT_DESC checks things\ntools: Read\n---\nPLUGIN_AGENT_PROMPT You check things.\n");
  put(
    join(root, "hooks/hooks.json"),
    JSON.stringify({
      description: "blocks rm",
      hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "${CLAUDE_PLUGIN_ROOT}/hooks/guard.sh" }] }] },
    }),
  );
  put(
    join(root, "hooks/guard.sh"),
    '#!/bin/sh\ninput=$(cat)\necho "root=$CLAUDE_PLUGIN_ROOT data=$CLAUDE_PLUGIN_DATA" > "$CLAUDE_PROJECT_DIR/hook-env.txt"\ncase "$input" in *"rm -rf"*) echo "PLUGIN_HOOK_BLOCKED rm is not allowed" >&2; exit 2;; esac\nexit 0\n',
  );
  chmodSync(join(root, "hooks/guard.sh"), 0o755);
  put(join(root, ".mcp.json"), JSON.stringify({ mcpServers: { every: { command: "node", args: ["${CLAUDE_PLUGIN_ROOT}/server.mjs", "stdio"] } } }));
  put(join(root, "server.mjs"), `await import(${JSON.stringify(EVERYTHING)});\n`);
  put(join(root, "bin/plugin-tool"), "#!/bin/sh\necho PLUGIN_BIN_RAN \"$@\"\n");
  chmodSync(join(root, "bin/plugin-tool"), 0o755);
  put(join(root, "output-styles/terse.md"), "---\nname: terse\ndescription: short answers\n---\nAnswer in one line.\n");
  put(join(root, ".lsp.json"), JSON.stringify({ lspServers: { none: { command: "true", extensionToLanguage: { ".x": "x" } } } }));
}

/** A plugin without a manifest: its name comes from the marketplace entry or its folder. */
export function writeBarePlugin(root: string): void {
  put(join(root, "commands/bare-cmd.md"), "---\ndescription: BARE_DESC a command of a plugin without a manifest\n---\nBARE_COMMAND_MARKER $ARGUMENTS\n");
}

/** Runs git in `cwd`; throws with its output when it fails. */
export function git(cwd: string, ...args: string[]): string {
  const run = Bun.spawnSync(["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", ...args], { cwd, stdout: "pipe", stderr: "pipe" });
  if (run.exitCode !== 0) throw new Error(`git ${args.join(" ")}: ${run.stderr.toString()}`);
  return run.stdout.toString().trim();
}

/** A marketplace as a git repository: `.claude-plugin/marketplace.json` and the two plugins above in plugins/. */
export function writeMarketplaceRepo(dir: string, name = "team-market"): void {
  writeFullPlugin(join(dir, "plugins/full"));
  writeBarePlugin(join(dir, "plugins/bare"));
  put(
    join(dir, ".claude-plugin/marketplace.json"),
    JSON.stringify({
      name,
      owner: { name: "Team" },
      plugins: [
        { name: "full", source: "./plugins/full", description: "every component kind" },
        { name: "bare", source: "./plugins/bare", description: "no manifest" },
      ],
    }),
  );
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "first");
}
