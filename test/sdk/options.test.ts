import { expect, test } from "bun:test";
import { platformName } from "../../src/sdk/executable.ts";
import { flagsFor } from "../../src/sdk/options.ts";

test("every option becomes the matching CLI flag", () => {
  const flags = flagsFor({
    model: "opus",
    maxTurns: 4,
    maxBudgetUsd: 0.5,
    systemPrompt: "S",
    appendSystemPrompt: "A",
    allowedTools: ["Read", "Bash(git log:*)"],
    disallowedTools: ["WebFetch"],
    permissionMode: "acceptEdits",
    additionalDirectories: ["../lib", "/data"],
    mcpServers: { fs: { command: "mcp-fs" } },
    resume: "abc",
    forkSession: true,
    includePartialMessages: true,
    outputFormat: { type: "json_schema", schema: { type: "object" } },
    extraArgs: { "dangerously-skip-permissions": null },
  });
  expect(flags.slice(0, 6)).toEqual(["-p", "--output-format", "stream-json", "--verbose", "--input-format", "stream-json"]);
  const rest = flags.slice(6).join(" ");
  expect(rest).toBe(
    '--model opus --max-turns 4 --max-budget-usd 0.5 --system-prompt S --append-system-prompt A --allowedTools Read --allowedTools Bash(git log:*) --disallowedTools WebFetch --permission-mode acceptEdits --add-dir ../lib --add-dir /data --mcp-config {"mcpServers":{"fs":{"command":"mcp-fs"}}} --resume abc --fork-session --include-partial-messages --json-schema {"type":"object"} --dangerously-skip-permissions',
  );
});

test("Claude Code's agents, fallbackModel, maxThinkingTokens and strictMcpConfig options", () => {
  const agents = { reviewer: { description: "Reviews", prompt: "Review.", tools: ["Read"], effort: "high" as const } };
  expect(flagsFor({ agents, fallbackModel: "haiku", maxThinkingTokens: 4000, mcpServers: {}, strictMcpConfig: true }).slice(6)).toEqual([
    "--fallback-model",
    "haiku",
    "--max-thinking-tokens",
    "4000",
    "--agents",
    JSON.stringify(agents),
    "--mcp-config",
    '{"mcpServers":{}}',
    "--strict-mcp-config",
  ]);
});

test("a preset system prompt with append keeps the built-in prompt", () => {
  expect(flagsFor({ systemPrompt: { type: "preset", append: "X" } }).slice(6)).toEqual(["--append-system-prompt", "X"]);
  expect(flagsFor({ settingSources: ["project", "local"] }).slice(6)).toEqual(["--setting-sources", "project,local"]);
  expect(flagsFor({ settingSources: [] }).slice(6)).toEqual(["--setting-sources", ""]);
  expect(flagsFor({ trust: true }).slice(6)).toEqual(["--trust"]);
  expect(flagsFor({ trust: false }).slice(6)).toEqual([]);
});

test("platform names match the release archives", () => {
  expect(platformName("linux", "x64", false)).toBe("linux-x64");
  expect(platformName("linux", "arm64", true)).toBe("linux-arm64-musl");
  expect(platformName("win32", "x64", false)).toBe("windows-x64");
  expect(platformName("darwin", "arm64", false)).toBe("darwin-arm64");
});
