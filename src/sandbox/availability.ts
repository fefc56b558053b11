// Can the sandbox run on this machine? Linux needs bubblewrap and user namespaces, macOS has
// sandbox-exec built in, anything else has no sandbox. Asked once per process: the answer does
// not change while nanocode runs.

import { existsSync } from "node:fs";

export type Availability = { available: true; program: string } | { available: false; why: string };

const SANDBOX_EXEC = "/usr/bin/sandbox-exec";
let known: Availability | undefined;
let knownFor: string | undefined;

/** `bwrapPath`: the settings' `sandbox.bwrapPath`, else `bwrap` from PATH. */
export function sandboxAvailability(bwrapPath?: string, platform = process.platform): Availability {
  const key = `${platform}:${bwrapPath ?? ""}:${process.env.PATH ?? ""}`;
  if (known && knownFor === key) return known;
  knownFor = key;
  known = probe(bwrapPath, platform);
  return known;
}

function probe(bwrapPath: string | undefined, platform: string): Availability {
  if (platform === "darwin") return existsSync(SANDBOX_EXEC) ? { available: true, program: SANDBOX_EXEC } : { available: false, why: `${SANDBOX_EXEC} is missing` };
  if (platform !== "linux") return { available: false, why: `there is no sandbox on ${platform === "win32" ? "Windows" : platform} (it needs Linux with bubblewrap, or macOS); on Windows run nanocode in WSL2` };
  const bwrap = bwrapPath ?? Bun.which("bwrap");
  if (!bwrap || !existsSync(bwrap)) return { available: false, why: bwrapPath ? `sandbox.bwrapPath ${bwrapPath} does not exist` : "bwrap (bubblewrap) is not on PATH: install the bubblewrap package" };
  // The namespaces a sandboxed call uses, tried for real: containers and some distributions forbid them.
  const run = Bun.spawnSync([bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--unshare-pid", "--unshare-net", "--cap-drop", "ALL", "--", "/bin/sh", "-c", ":"], { stdout: "ignore", stderr: "pipe" });
  if (run.exitCode === 0) return { available: true, program: bwrap };
  const said = run.stderr.toString().trim().split("\n")[0] || `exit code ${run.exitCode}`;
  return { available: false, why: `${bwrap} cannot make a sandbox here (${said}); user namespaces may be disabled` };
}
