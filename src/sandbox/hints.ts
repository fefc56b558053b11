// A sandboxed command that failed because of the sandbox gets one line saying so, with the way
// to allow what it needed: a folder, a domain, or running it outside the sandbox with approval.

import { isInside } from "../fs/paths.ts";
import type { SandboxSettings } from "../config/sandbox-settings.ts";
import type { SandboxPolicy } from "./policy.ts";

const FILE_BLOCKED = /read-only file system|permission denied|EROFS|EACCES|operation not permitted/i;
/** "/tmp/x/o.txt: No such file or directory": a path in the real /tmp, which the call's private /tmp does not have. */
const MISSING_IN_TMP = /(\/tmp\/[^\s:'"]+)['"]?: No such file or directory/g;
/** With EPERM in the output: the seccomp filter refused a Unix socket. */
const UNIX_SOCKET = /\bsocket\b|\.sock\b|AF_UNIX|docker|dbus|ssh-agent/i;
const NET_BLOCKED = /could not resolve|name or service not known|temporary failure in name resolution|network is unreachable|getaddrinfo|ENOTFOUND|EAI_AGAIN|connection refused|ECONNREFUSED|403 Forbidden|blocked by the nanocode sandbox/i;

const SETTINGS = ".nanocode/settings.json";

/** The hint for a failed sandboxed command's output; `blockedHosts`: what the proxy refused during the call. */
export function failureHint(output: string, policy: SandboxPolicy, settings: SandboxSettings, blockedHosts: string[] = []): string | undefined {
  const outside = settings.allowUnsandboxedCommands !== false ? ", or rerun it with dangerouslyDisableSandbox: true to run it outside the sandbox with the user's approval" : "";
  if (blockedHosts.length > 0) {
    const list = blockedHosts.map((h) => JSON.stringify(h)).join(", ");
    return `[sandbox] The sandbox blocked network access to ${blockedHosts.join(", ")}: to allow it, add ${list} to sandbox.network.allowedDomains in ${SETTINGS}${outside}.`;
  }
  if (/operation not permitted|EPERM/i.test(output) && UNIX_SOCKET.test(output)) {
    return `[sandbox] This command ran in the sandbox, where Unix sockets (Docker's, D-Bus, an SSH agent) cannot be opened: to allow them, set sandbox.network.allowAllUnixSockets in ${SETTINGS}${outside}.`;
  }
  const missing = [...output.matchAll(MISSING_IN_TMP)].map((m) => m[1]!);
  if (missing.some((path) => !policy.writable.some((dir) => isInside(dir, path)))) {
    return `[sandbox] This command ran in the sandbox, where /tmp is private to the call: files in the real /tmp are not there and what it writes there is gone afterwards; to share a folder, add it to sandbox.filesystem.allowWrite in ${SETTINGS}${outside}.`;
  }
  if (FILE_BLOCKED.test(output)) {
    return `[sandbox] This command ran in the sandbox, where it may write only in ${policy.writable.join(", ")} and cannot read what deny rules cover: to allow writing in a folder, add it to sandbox.filesystem.allowWrite in ${SETTINGS}${outside}.`;
  }
  if (NET_BLOCKED.test(output)) {
    const reach = policy.network.allowed.length > 0 ? `only ${policy.network.allowed.join(", ")}` : "no host";
    return `[sandbox] This command ran in the sandbox, which lets it reach ${reach} on the network: to allow a domain, add it to sandbox.network.allowedDomains in ${SETTINGS}${outside}.`;
  }
  return undefined;
}
