// One sandboxed Bash call: the policy as it stands now (deny rules may cover new files), the
// launcher's arguments, and afterwards a hint when the sandbox is what made the command fail.

import { chmodSync, lstatSync, mkdirSync, mkdtempSync, openSync, rmdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SandboxSettings } from "../config/sandbox-settings.ts";
import { realPath } from "../permissions/real-path.ts";
import type { SandboxedRun } from "../registry/define.ts";
import { sandboxAvailability } from "./availability.ts";
import { NetworkProxy, type ProxyPolicy } from "./proxy.ts";
import { RELAY_ENV, RELAY_PORTS } from "./relay.ts";
import { type Blockers, bwrapArgs } from "./bwrap.ts";
import { failureHint } from "./hints.ts";
import { currentPolicy, type SandboxPolicy } from "./policy.ts";
import { seatbeltProfile } from "./seatbelt.ts";
import { unixSocketFilter } from "./seccomp.ts";
import type { SandboxSurroundings } from "./switch.ts";

let blockers: (Blockers & { filter?: string }) | undefined;

/** The unreadable stand-ins and the seccomp filter, made once per process in a folder of its own and removed at exit. */
function madeBlockers(): Blockers & { filter?: string } {
  if (blockers) return blockers;
  const dir = mkdtempSync(join(tmpdir(), "nanocode-sandbox-"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  const program = unixSocketFilter();
  const made = { file: join(dir, "hidden-file"), folder: join(dir, "hidden-folder"), empty: join(dir, "empty-folder"), ...(program ? { filter: join(dir, "seccomp.bpf") } : {}) };
  if (program && made.filter) writeFileSync(made.filter, program);
  writeFileSync(made.file, "");
  mkdirSync(made.folder);
  mkdirSync(made.empty);
  chmodSync(made.file, 0);
  chmodSync(made.folder, 0);
  chmodSync(made.empty, 0o555);
  blockers = made;
  return made;
}

const isFolder = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;

export async function launchSandboxed(settings: SandboxSettings, around: SandboxSurroundings, options: { cwd: string; cwdFile?: string }): Promise<SandboxedRun> {
  const available = sandboxAvailability(settings.bwrapPath);
  if (!available.available) throw new Error(`the sandbox cannot run: ${available.why}`);
  const { policy, complete } = currentPolicy(settings, around, standIns);
  // A file a deny rule covers but the listing did not reach would be readable inside: refuse rather than guess.
  if (!complete) throw new Error("the folders the deny rules cover hold too many files to list, so the sandbox cannot hide them all; narrow the rules or run the command unsandboxed");
  for (const folder of policy.absent.folders) standIns.set(folder, (standIns.get(folder) ?? 0) + 1);
  if (options.cwdFile) writeFileSync(options.cwdFile, "");
  const macOS = process.platform === "darwin";
  // No domain allowed, no network at all: the call needs neither the proxy nor the relay.
  const proxy = policy.network.allowed.length > 0 ? await sessionProxy(() => policy.network, macOS) : undefined;
  const blockedBefore = proxy?.blocked.length ?? 0;
  const finish: SandboxedRun["finish"] = async ({ exitCode, output }) => {
    const removed = removeGuardedLeftovers(policy);
    const hint = exitCode === 0 ? undefined : failureHint(output, policy, settings, proxy?.blocked.slice(blockedBefore));
    const note = removed.length > 0 ? `[sandbox] Removed ${removed.join(", ")}, which the command created: files that steer git, shells or nanocode are written only with approval (run the command with dangerouslyDisableSandbox: true).` : undefined;
    return [hint, note].filter(Boolean).join("\n") || undefined;
  };
  if (macOS) {
    const profile = seatbeltProfile(policy, { tmpdir: realPath(tmpdir()), proxyPorts: proxy ? [proxy.ports.http, proxy.ports.socks] : [], allowLocalBinding: settings.network?.allowLocalBinding, unixSockets: settings.network?.allowAllUnixSockets || settings.network?.allowUnixSockets });
    const env = { NANOCODE_SANDBOX: "1", ...(proxy ? proxyEnv(`127.0.0.1:${proxy.ports.http}`, `127.0.0.1:${proxy.ports.socks}`) : {}) };
    return { argv: (shell) => [available.program, "-p", profile, ...shell], env, finish };
  }
  const relay = selfCommand();
  const stand = madeBlockers();
  const sockets = !settings.network?.allowAllUnixSockets;
  // With a domain allowed the relay runs first and puts the filter on itself once its sockets are open.
  const filter = !proxy && sockets ? stand.filter : undefined;
  // The relay's own socket, where the proxy connects in: a folder of the call's, writable inside.
  const relayDir = proxy ? mkdtempSync(join(tmpdir(), "nanocode-relay-")) : undefined;
  const writableFiles = [...(options.cwdFile ? [options.cwdFile] : []), ...(relayDir ? [relayDir] : [])];
  const prefix = bwrapArgs(policy, { bwrap: available.program, blockers: stand, isFolder, writableFiles, ...(filter ? { seccompFd: 3 } : {}), ...(proxy ? { proxy: { dir: proxy.dir, relay: relay[relay.length - 1]! } } : {}) });
  const relayEnv = proxy && relayDir ? { [RELAY_ENV]: [proxy.controlSocket, join(relayDir, "relay.sock"), sockets ? "filter" : "open"].join("\n"), ...proxyEnv(`127.0.0.1:${RELAY_PORTS.http}`, `127.0.0.1:${RELAY_PORTS.socks}`) } : {};
  return {
    argv: (shell) => [...prefix, "--", ...(proxy ? relay : []), ...shell],
    // /tmp is the call's own: a TMPDIR elsewhere would be read-only.
    env: { TMPDIR: "/tmp", NANOCODE_SANDBOX: "1", ...relayEnv },
    ...(filter ? { fds: () => [openSync(filter, "r")] } : {}),
    finish: async (result) => {
      if (relayDir) rmSync(relayDir, { recursive: true, force: true });
      return finish(result);
    },
  };
}

let proxyStarted: Promise<NetworkProxy> | undefined;

/** The proxy is started on the first call that may use the network, and serves the session's calls after it. */
function sessionProxy(policy: ProxyPolicy, loopback: boolean): Promise<NetworkProxy> {
  proxyStarted ??= NetworkProxy.start(policy, loopback);
  return proxyStarted;
}

/** nanocode itself, to run as the relay: the compiled binary, or Bun with the entry file when run from source. */
function selfCommand(): string[] {
  return Bun.main.startsWith("/$bunfs/") || Bun.main.startsWith("B:/~BUN/") ? [process.execPath] : [process.execPath, Bun.main];
}

/** Every spelling programs read the proxy from (`host:port` each); NO_PROXY emptied, since a direct connection cannot work. */
function proxyEnv(httpAt: string, socksAt: string): Record<string, string> {
  const http = `http://${httpAt}`;
  const socks = `socks5h://${socksAt}`;
  return {
    HTTP_PROXY: http,
    HTTPS_PROXY: http,
    http_proxy: http,
    https_proxy: http,
    ALL_PROXY: socks,
    all_proxy: socks,
    NO_PROXY: "",
    no_proxy: "",
    // Node's own fetch reads the variables above only when asked to.
    NODE_USE_ENV_PROXY: "1",
  };
}

/**
 * Guarded folders mounted as empty stand-ins, with how many running calls use each: a background
 * call may still hold one when the next call starts, and only the last to finish removes it.
 */
const standIns = new Map<string, number>();

/** Removes the mount points of absent guarded folders no other call uses, and guarded files the command made. */
function removeGuardedLeftovers(policy: SandboxPolicy): string[] {
  for (const folder of policy.absent.folders) {
    const users = (standIns.get(folder) ?? 1) - 1;
    if (users > 0) {
      standIns.set(folder, users);
      continue;
    }
    standIns.delete(folder);
    try {
      rmdirSync(folder);
    } catch {
      // Not empty: nanocode itself wrote there meanwhile (a saved rule); it stays.
    }
  }
  const made = policy.absent.files.filter((file) => lstatSync(file, { throwIfNoEntry: false }));
  for (const file of made) rmSync(file, { recursive: true, force: true });
  return made;
}
