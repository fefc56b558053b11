// Runs inside the sandbox, as the first process of a call that may use the network: listens on
// the sandbox's own loopback (its network namespace has nothing else) and forwards each
// connection to the proxy's Unix socket outside, then runs the command and exits with its code.
// Started as the nanocode binary itself (see src/cli.ts), so no other program is needed.

import { connect, createServer } from "node:net";

/** The loopback ports the command's HTTP_PROXY and ALL_PROXY name, inside the sandbox. */
export const RELAY_PORTS = { http: 3128, socks: 1080 };
/** Set on the relay process: `<http socket>\n<socks socket>`. */
export const RELAY_ENV = "NANOCODE_SANDBOX_RELAY";

function forward(port: number, socket: string): Promise<void> {
  const server = createServer((client) => {
    const upstream = connect(socket);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

/** `argv`: the command to run once both ports listen. Returns its exit code. */
export async function relay(argv: string[]): Promise<number> {
  const [http = "", socks = ""] = (process.env[RELAY_ENV] ?? "").split("\n");
  delete process.env[RELAY_ENV];
  await Promise.all([forward(RELAY_PORTS.http, http), forward(RELAY_PORTS.socks, socks)]);
  const child = Bun.spawn(argv, { stdio: ["inherit", "inherit", "inherit"], env: process.env });
  return child.exited;
}
