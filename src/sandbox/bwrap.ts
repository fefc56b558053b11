// The policy as bubblewrap arguments. The whole file system is mounted read-only, the writable
// folders over it, then what stays read-only or hidden inside them; /tmp is private to the call.
// A fresh PID namespace means everything the command starts ends with it (bwrap's init ends the
// namespace when the command exits), and a fresh network namespace leaves only loopback: the
// network is reachable through the proxy alone.

import { isInside } from "../fs/paths.ts";
import type { SandboxPolicy } from "./policy.ts";

/**
 * Stand-ins mounted over paths: `file` and `folder` are unreadable (reading a hidden path fails
 * with "Permission denied"); `empty` is an empty folder, for a guarded folder not there yet.
 */
export type Blockers = { file: string; folder: string; empty: string };

export type BwrapOptions = {
  bwrap: string;
  blockers: Blockers;
  /** Is this path a folder (hidden folders get the folder stand-in)? */
  isFolder: (path: string) => boolean;
  /** Extra files and folders the call writes through: the shell's final-directory file, the relay's socket folder. */
  writableFiles?: string[];
  /** The descriptor bwrap reads the seccomp filter from (see ./seccomp.ts). */
  seccompFd?: number;
  /** The folder of the proxy's sockets and the relay's program, mounted at the same paths inside (/tmp may hold them). */
  proxy?: { dir: string; relay: string };
};

export function bwrapArgs(policy: SandboxPolicy, options: BwrapOptions): string[] {
  const args = [options.bwrap, "--die-with-parent", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--cap-drop", "ALL"];
  if (options.seccompFd !== undefined) args.push("--seccomp", String(options.seccompFd));
  args.push("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp");
  for (const dir of policy.writable) args.push("--bind", dir, dir);
  for (const file of options.writableFiles ?? []) args.push("--bind", file, file);
  if (options.proxy) args.push("--ro-bind", options.proxy.dir, options.proxy.dir, "--ro-bind", options.proxy.relay, options.proxy.relay);
  for (const path of policy.readOnly) args.push("--ro-bind", path, path);
  for (const path of policy.absent.folders) args.push("--ro-bind", options.blockers.empty, path);
  for (const path of policy.hidden) {
    // Inside a hidden folder there is nothing left to hide.
    if (policy.hidden.some((other) => other !== path && isInside(other, path))) continue;
    args.push("--ro-bind", options.isFolder(path) ? options.blockers.folder : options.blockers.file, path);
  }
  return args;
}
