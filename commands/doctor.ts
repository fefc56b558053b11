import { defineCommand } from "nanocode";

export default defineCommand({
  name: "doctor",
  description: "Check the setup: settings, API key, ripgrep, git, sandbox, MCP servers, terminal",
  async run(_args, ctx) {
    const s = ctx.ui?.style;
    const ok = (text: string) => `${(s?.green ?? String)("✓")} ${text}`;
    const bad = (text: string) => `${(s?.red ?? String)("✗")} ${text}`;
    const warn = (text: string) => `${(s?.yellow ?? String)("!")} ${text}`;
    const env = process.env;
    const lines: string[] = [];
    const key = env.ANTHROPIC_API_KEY ? "ANTHROPIC_API_KEY" : env.ANTHROPIC_AUTH_TOKEN ? "ANTHROPIC_AUTH_TOKEN" : env.OPENAI_API_KEY ? "OPENAI_API_KEY" : undefined;
    lines.push(key ? ok(`API credentials: ${key} is set${env.ANTHROPIC_BASE_URL ? ` (base URL ${env.ANTHROPIC_BASE_URL})` : ""}`) : bad("API credentials: set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN for a gateway)"));
    const rg = Bun.which("rg");
    lines.push(rg ? ok(`ripgrep: ${rg}`) : warn("ripgrep not found: Grep uses the built-in engine (slower on big trees); install ripgrep for speed"));
    const git = Bun.which("git");
    lines.push(git ? ok(`git: ${git}`) : warn("git not found: no repository snapshot in the prompt, @ completion scans the folder"));
    const session = await ctx.session?.().catch(() => undefined);
    const settings = session?.settings;
    if (settings) {
      lines.push(settings.problems.length ? bad(`settings: ${settings.problems.length} problem(s)`) : ok(`settings: ${settings.files.length} file(s), no problems`));
      for (const problem of settings.problems) lines.push(`    ${problem}`);
    }
    const sandbox = session?.sandbox;
    const works = await sandbox?.availability();
    if (sandbox && works?.available) lines.push(ok(`sandbox: ${works.program} works here; it is ${sandbox.enabled ? "on" : "off (/sandbox or sandbox.enabled turns it on)"}`));
    else if (sandbox && works && !works.available) lines.push((sandbox.enabled ? bad : warn)(`sandbox unavailable: ${works.why}${sandbox.enabled ? "; Bash commands run unsandboxed" : ""}`));
    for (const server of session?.mcpServers() ?? []) {
      if (server.status === "connected") lines.push(ok(`MCP server ${server.name}: connected, ${server.tools} tools`));
      else if (server.status === "failed") lines.push(bad(`MCP server ${server.name}: ${server.error ?? "failed"}`));
      else lines.push(warn(`MCP server ${server.name}: not connected yet (servers start with the first request)`));
    }
    lines.push(ok(`terminal: ${env.TERM ?? "unknown"}, ${ctx.ui?.columns ?? "?"} columns${env.NO_COLOR ? ", NO_COLOR set" : ""}; shell ${env.SHELL ?? "sh"}`));
    return lines.join("\n");
  },
});
