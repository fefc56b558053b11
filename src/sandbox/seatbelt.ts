// The policy as a Seatbelt profile for macOS's sandbox-exec: everything may be read except what
// is hidden, writes go only to the writable folders and the temp folders, guarded and denied paths
// stay read-only (existing or not: Seatbelt matches paths, not mounts), and the network is the
// proxy's loopback ports alone. macOS has no PID namespace: the session's process tracking
// (src/shell/session-processes.ts) ends what a command leaves behind.

import type { SandboxPolicy } from "./policy.ts";

export type SeatbeltOptions = {
  /** The per-user temp folder ($TMPDIR, a real path), writable beside /private/tmp. */
  tmpdir: string;
  /** The proxy's loopback ports, when a domain is allowed. */
  proxyPorts?: number[];
  allowLocalBinding?: boolean;
  /** Unix sockets commands may connect to (`true`: every one): Docker's, an SSH agent's. */
  unixSockets?: string[] | true;
};

/** A Seatbelt string literal. */
const quote = (text: string) => `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
const subpath = (path: string) => `(subpath ${quote(path)})`;
const literal = (path: string) => `(literal ${quote(path)})`;

export function seatbeltProfile(policy: SandboxPolicy, options: SeatbeltOptions): string {
  const lines = [
    "(version 1)",
    "(deny default)",
    "(allow process-exec process-fork)",
    "(allow signal (target same-sandbox))",
    "(allow sysctl-read)",
    "(allow mach-lookup)",
    "(allow ipc-posix-shm ipc-posix-sem)",
    "(allow file-read*)",
    "(allow file-ioctl (regex #\"^/dev/tty\"))",
  ];
  if (policy.hidden.length > 0) lines.push(`(deny file-read* file-write* ${policy.hidden.map((p) => `${subpath(p)} ${literal(p)}`).join(" ")})`);
  const writable = [...policy.writable, "/private/tmp", "/private/var/tmp", options.tmpdir].map(subpath);
  const devices = ["/dev/null", "/dev/zero", "/dev/stdout", "/dev/stderr", "/dev/dtracehelper"].map(literal);
  lines.push(`(allow file-write* ${[...writable, ...devices, '(regex #"^/dev/tty")', '(regex #"^/dev/fd/")'].join(" ")})`);
  const locked = [...policy.readOnly, ...policy.absent.folders, ...policy.absent.files];
  if (locked.length > 0) lines.push(`(deny file-write* ${locked.map((p) => `${subpath(p)} ${literal(p)}`).join(" ")})`);
  for (const port of options.proxyPorts ?? []) lines.push(`(allow network-outbound (remote ip ${quote(`localhost:${port}`)}))`);
  if (options.unixSockets === true) lines.push("(allow network-outbound (remote unix-socket))");
  else for (const path of options.unixSockets ?? []) lines.push(`(allow network-outbound (remote unix-socket (path-literal ${quote(path)})))`);
  if (options.allowLocalBinding) lines.push(`(allow network-bind network-inbound (local ip ${quote("localhost:*")}))`);
  return `${lines.join("\n")}\n`;
}
