// The macOS profile, generated from a policy: checked as text here (every platform), and run by
// sandbox-exec where there is one.
import { describe, expect, test } from "bun:test";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SandboxPolicy } from "../../src/sandbox/policy.ts";
import { seatbeltProfile } from "../../src/sandbox/seatbelt.ts";
import { tempDir } from "../support/tmp.ts";

const policy: SandboxPolicy = {
  writable: ["/Users/me/project", "/Users/me/cache"],
  readOnly: ["/Users/me/project/.git/hooks", "/Users/me/project/.git/config"],
  hidden: ["/Users/me/project/.env", "/Users/me/.aws"],
  absent: { folders: ["/Users/me/project/.claude"], files: ["/Users/me/project/.bashrc"] },
  network: { allowed: [], denied: [] },
};
const profile = seatbeltProfile(policy, { tmpdir: "/private/var/folders/xy/T" });
const lines = profile.trim().split("\n");
const lineWith = (start: string) => lines.findIndex((l) => l.startsWith(start));

/** Every parenthesis closes, outside string literals: sandbox-exec rejects the whole profile otherwise. */
function balanced(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth < 0) return false;
  }
  return depth === 0 && !inString;
}

describe("Seatbelt profile", () => {
  test("denies by default, then allows reads, processes and the terminal", () => {
    expect(lines.slice(0, 2)).toEqual(["(version 1)", "(deny default)"]);
    expect(lines).toContain("(allow file-read*)");
    expect(lines).toContain("(allow process-exec process-fork)");
    expect(balanced(profile)).toBe(true);
  });

  test("writes go to the writable folders and the temp folders only", () => {
    const writes = lines[lineWith("(allow file-write*")]!;
    for (const dir of ["/Users/me/project", "/Users/me/cache", "/private/tmp", "/private/var/folders/xy/T"]) expect(writes).toContain(`(subpath "${dir}")`);
    expect(writes).toContain('(literal "/dev/null")');
    expect(writes).not.toContain("/Users/me\")");
  });

  test("guarded and denied paths are locked after the allowance, present or not", () => {
    const locked = lineWith("(deny file-write*");
    expect(locked).toBeGreaterThan(lineWith("(allow file-write*"));
    for (const path of ["/Users/me/project/.git/hooks", "/Users/me/project/.claude", "/Users/me/project/.bashrc"]) expect(lines[locked]).toContain(`(subpath "${path}")`);
  });

  test("hidden paths can be neither read nor written", () => {
    const hidden = lines[lineWith("(deny file-read* file-write*")]!;
    expect(hidden).toContain('(literal "/Users/me/project/.env")');
    expect(hidden).toContain('(subpath "/Users/me/.aws")');
    expect(lineWith("(deny file-read* file-write*")).toBeGreaterThan(lines.indexOf("(allow file-read*)"));
  });

  test("no network unless the proxy's ports are given, and then only those", () => {
    expect(profile).not.toContain("network");
    const withProxy = seatbeltProfile(policy, { tmpdir: "/t", proxyPorts: [50001, 50002] });
    expect(withProxy).toContain('(allow network-outbound (remote ip "localhost:50001"))');
    expect(withProxy).toContain('(allow network-outbound (remote ip "localhost:50002"))');
    expect(withProxy).not.toContain("network-bind");
  });

  test("local binding and Unix sockets only when the settings say so", () => {
    const open = seatbeltProfile(policy, { tmpdir: "/t", allowLocalBinding: true, unixSockets: ["/var/run/docker.sock"] });
    expect(open).toContain('(allow network-bind network-inbound (local ip "localhost:*"))');
    expect(open).toContain('(allow network-outbound (remote unix-socket (path-literal "/var/run/docker.sock")))');
    expect(seatbeltProfile(policy, { tmpdir: "/t", unixSockets: true })).toContain("(allow network-outbound (remote unix-socket))");
  });

  test("paths with quotes and backslashes stay one string literal", () => {
    const odd = seatbeltProfile({ ...policy, writable: ['/Users/me/a "b" \\c'], readOnly: [], hidden: [], absent: { folders: [], files: [] } }, { tmpdir: "/t" });
    expect(odd).toContain('(subpath "/Users/me/a \\"b\\" \\\\c")');
    expect(balanced(odd)).toBe(true);
  });

  test.skipIf(!existsSync("/usr/bin/sandbox-exec"))("sandbox-exec runs it: a write inside works, one outside and a hidden read fail", () => {
    const project = tempDir("nanocode-seatbelt-");
    const outside = tempDir("nanocode-seatbelt-out-");
    writeFileSync(join(project, ".env"), "SECRET\n");
    const real: SandboxPolicy = { writable: [project], readOnly: [], hidden: [join(project, ".env")], absent: { folders: [], files: [] }, network: { allowed: [], denied: [] } };
    const run = (script: string) => Bun.spawnSync(["/usr/bin/sandbox-exec", "-p", seatbeltProfile(real, { tmpdir: tempDir() }), "/bin/sh", "-c", script], { cwd: project });
    expect(run("echo ok > inside.txt").exitCode).toBe(0);
    expect(run(`echo no > ${outside}/x.txt`).exitCode).not.toBe(0);
    expect(existsSync(join(outside, "x.txt"))).toBe(false);
    expect(run("cat .env").stdout.toString()).not.toContain("SECRET");
  });
});

describe("seccomp filter", () => {
  test("one 8-byte instruction per step for the CPUs nanocode knows, none for others", async () => {
    const { unixSocketFilter } = await import("../../src/sandbox/seccomp.ts");
    expect(unixSocketFilter("x64")!.length).toBe(11 * 8);
    expect(unixSocketFilter("arm64")!.readUInt32LE(12)).toBe(0xc00000b7);
    expect(unixSocketFilter("ia32")).toBeUndefined();
  });
});
