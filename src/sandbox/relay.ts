// Runs inside the sandbox, as the first process of a call that may use the network: listens on
// the sandbox's own loopback (its network namespace has nothing else) for the command's proxy
// connections and carries each to nanocode's proxy outside, then runs the command and exits with
// its code. Started as the nanocode binary itself (see src/cli.ts), so no other program is needed.
//
// The command may not open Unix sockets (./seccomp.ts), and the relay puts that filter on itself
// before it starts the command. So it never opens one after that: it listens on its own socket
// (opened first), keeps one control connection to the proxy, and for each connection asks the
// proxy, over the control connection, to connect in to it.

import { connect, createServer, type Socket } from "node:net";
import { filterThisProcess } from "./seccomp.ts";

/** The loopback ports the command's HTTP_PROXY and ALL_PROXY name, inside the sandbox. */
export const RELAY_PORTS = { http: 3128, socks: 1080 };
/** Set on the relay process: `<proxy's control socket>\n<relay's own socket>\n<"filter" or "open">`. */
export const RELAY_ENV = "NANOCODE_SANDBOX_RELAY";
/** The first byte on a connection the proxy makes in: which kind of client it serves. */
export const KIND = { http: "H", socks: "S" } as const;

const listening = (server: ReturnType<typeof createServer>, ...at: [string] | [number, string]) =>
  new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(...(at as [number, string]), () => resolve());
  });

/** `argv`: the command to run once the ports listen. Returns its exit code. */
export async function relay(argv: string[]): Promise<number> {
  const [control = "", own = "", mode = "filter"] = (process.env[RELAY_ENV] ?? "").split("\n");
  delete process.env[RELAY_ENV];
  const waiting: Record<string, Socket[]> = { [KIND.http]: [], [KIND.socks]: [] };
  // The proxy's connections in: the first byte says which waiting client each one is for.
  const inward = createServer((link) => {
    link.once("data", (first: Buffer) => {
      const client = waiting[first.toString("latin1", 0, 1)]?.shift();
      if (!client) return void link.destroy();
      if (first.length > 1) client.write(first.subarray(1));
      link.on("error", () => client.destroy());
      client.on("error", () => link.destroy());
      link.pipe(client);
      client.pipe(link);
      client.resume();
    });
  });
  await listening(inward, own);
  const asks = connect(control);
  await new Promise<void>((resolve, reject) => {
    asks.once("connect", () => resolve());
    asks.once("error", reject);
  });
  asks.write(`${own}\n`);
  const outward = (kind: string) =>
    createServer((client) => {
      client.pause();
      waiting[kind]!.push(client);
      asks.write(`${kind}\n`);
    });
  await Promise.all([listening(outward(KIND.http), RELAY_PORTS.http, "127.0.0.1"), listening(outward(KIND.socks), RELAY_PORTS.socks, "127.0.0.1")]);
  if (mode === "filter" && !filterThisProcess()) {
    process.stderr.write("nanocode sandbox: could not apply the Unix socket filter; the command was not run\n");
    return 126;
  }
  const child = Bun.spawn(argv, { stdio: ["inherit", "inherit", "inherit"], env: process.env });
  return child.exited;
}
