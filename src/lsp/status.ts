import type { LspServerInfo } from "../registry/command-api.ts";

/** One line per server: its name, state, command, the files it takes, where it runs and on what so far. */
export function lspStatusLines(servers: LspServerInfo[], paint: { green?: (t: string) => string; red?: (t: string) => string; dim?: (t: string) => string } = {}): string[] {
  const [green, red, dim] = [paint.green ?? String, paint.red ?? String, paint.dim ?? String];
  return servers.map((s) => {
    const state = s.state === "running" ? green("✓ running") : s.state === "failed" ? red(`✗ ${s.error ?? "failed"}`) : s.state === "starting" ? "… starting" : `idle (starts on the first ${s.extensions.join(" ")} file read or edited)`;
    const where = s.root ? ` in ${s.root}` : "";
    const files = s.files.length ? `; files: ${s.files.length}` : "";
    return `  ${s.name}  ${state}  ${dim(`${s.command}${where}${files} (${s.origin})`)}`;
  });
}
