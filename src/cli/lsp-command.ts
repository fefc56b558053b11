import { KNOWN_SERVERS } from "../lsp/config.ts";
import { lspStatusLines } from "../lsp/status.ts";
import { languageServers, type Workspace } from "./setup.ts";

/** `nanocode lsp`: starts each language server the project has, says whether it came up (and why not), and stops them. */
export async function runLspCommand(workspace: Workspace, cwd: string): Promise<number> {
  const missing = KNOWN_SERVERS.filter((k) => Bun.which(k.config.command, { PATH: process.env.PATH ?? "" }) === null).map((k) => k.config.command);
  const lsp = languageServers(workspace, cwd, () => {});
  const lines: string[] = [];
  if (!lsp) lines.push("No language server for this project: none configured (settings lspServers), and no known server on PATH with its project file (tsconfig.json, package.json, pyproject.toml, go.mod, Cargo.toml, compile_commands.json…) here or above.");
  else {
    await lsp.startAll();
    lines.push("Language servers:", ...lspStatusLines(lsp.status()));
    await lsp.close();
  }
  if (missing.length) lines.push(`Not on PATH: ${missing.join(", ")}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}
