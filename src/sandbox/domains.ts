// Which hosts the sandbox's proxy lets a command reach, by Claude Code's allowedDomains syntax:
// `example.com` is that host, `*.example.com` any host below it (not the domain itself), and a
// `:port` suffix limits an entry to one port. Denied domains win over allowed ones.

const normal = (host: string) => host.toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");

function entryMatches(entry: string, host: string, port: number): boolean {
  const at = entry.lastIndexOf(":");
  // An IPv6 address without brackets has colons of its own: only `]:port` or one colon is a port.
  const hasPort = at > 0 && /^\d+$/.test(entry.slice(at + 1)) && (entry.indexOf(":") === at || entry[at - 1] === "]");
  const name = normal(hasPort ? entry.slice(0, at) : entry);
  if (hasPort && Number(entry.slice(at + 1)) !== port) return false;
  const wanted = normal(host);
  if (name === "*") return true;
  if (name.startsWith("*.")) return wanted.endsWith(name.slice(1)) && wanted.length > name.length - 1;
  return wanted === name;
}

/** Undefined when the proxy may connect to host:port, else why not (for the one-line hint). */
export function domainProblem(host: string, port: number, network: { allowed: string[]; denied: string[] }): string | undefined {
  const denied = network.denied.find((entry) => entryMatches(entry, host, port));
  if (denied) return `${host} is in sandbox.network.deniedDomains (${denied})`;
  if (network.allowed.some((entry) => entryMatches(entry, host, port))) return undefined;
  return `${host} is not in sandbox.network.allowedDomains`;
}
