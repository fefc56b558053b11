// The real MCP servers from npm (devDependencies) that the MCP tests talk to. They run on Node.
import { join } from "node:path";

const MODULES = join(import.meta.dir, "../../node_modules/@modelcontextprotocol");
export const EVERYTHING = join(MODULES, "server-everything/dist/index.js");
export const FILESYSTEM = join(MODULES, "server-filesystem/dist/index.js");

/** A free TCP port on 127.0.0.1. */
export function freePort(): number {
  const probe = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
  const port = probe.port!;
  probe.stop(true);
  return port;
}

/** server-everything over HTTP (`streamableHttp` or `sse`), started by the test; resolves once it listens. */
export async function startEverythingHttp(mode: "streamableHttp" | "sse"): Promise<{ url: string; stop(): void }> {
  const port = freePort();
  const proc = Bun.spawn(["node", EVERYTHING, mode], { env: { ...process.env, PORT: String(port) }, stdout: "ignore", stderr: "pipe" });
  const reader = proc.stderr.getReader();
  let seen = "";
  while (!/listening|running/i.test(seen)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server-everything ${mode} did not start: ${seen}`);
    seen += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  return { url: `http://127.0.0.1:${port}/${mode === "sse" ? "sse" : "mcp"}`, stop: () => proc.kill("SIGKILL") };
}
