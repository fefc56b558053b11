import { defineCommand, lspStatusLines } from "nanocode";

export default defineCommand({
  name: "lsp",
  description: "Show the language servers of this session: which run, for which files, and why one failed",
  async run(_args, ctx) {
    const session = await ctx.session?.();
    if (!session) return "No session: `nanocode lsp` starts and checks the project's language servers.";
    const servers = session.lspServers();
    if (servers.length === 0) return "No language server for this project. Install one on PATH (typescript-language-server, pyright, gopls, rust-analyzer, clangd…) or add one to settings (lspServers).";
    const s = ctx.ui?.style;
    return ["Language servers:", ...lspStatusLines(servers, { green: s?.green, red: s?.red, dim: s?.dim })].join("\n");
  },
});
