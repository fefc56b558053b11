// The sandbox policy and its bubblewrap arguments, from real folders: what stays writable,
// read-only and hidden, and in what order the mounts go.
import { describe, expect, test } from "bun:test";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseSettings } from "../../src/config/settings.ts";
import { coveredPaths } from "../../src/permissions/denied-files.ts";
import { bwrapArgs } from "../../src/sandbox/bwrap.ts";
import { sandboxPolicy } from "../../src/sandbox/policy.ts";
import { put, tempDir } from "../support/tmp.ts";

function project(): string {
  const dir = tempDir("nanocode-policy-");
  put(join(dir, "src/a.ts"), "a\n");
  put(join(dir, ".git/config"), "[core]\n");
  mkdirSync(join(dir, ".git/hooks"));
  put(join(dir, ".nanocode/settings.json"), "{}\n");
  put(join(dir, ".bashrc"), "\n");
  put(join(dir, "secrets/key.pem"), "k\n");
  put(join(dir, ".env"), "A=1\n");
  return dir;
}

const policyFor = (dir: string, extra: Partial<Parameters<typeof sandboxPolicy>[0]> = {}) =>
  sandboxPolicy({ settings: {}, workingDirs: [dir], projectDir: dir, readDenied: [], editDenied: [], ...extra });

describe("sandbox policy", () => {
  test("the project is writable and the files that steer git, shells and nanocode in it stay read-only", () => {
    const dir = project();
    const policy = policyFor(dir);
    expect(policy.writable).toEqual([dir]);
    expect(policy.readOnly).toEqual(expect.arrayContaining([join(dir, ".git/config"), join(dir, ".git/hooks"), join(dir, ".nanocode"), join(dir, ".bashrc")]));
    // What does not exist yet is listed apart: a folder gets a stand-in, a file made by a command is removed after it.
    expect(policy.readOnly).not.toContain(join(dir, ".claude"));
    expect(policy.absent.folders).toEqual(expect.arrayContaining([join(dir, ".claude"), join(dir, ".vscode")]));
    expect(policy.absent.files).toEqual(expect.arrayContaining([join(dir, ".zshrc"), join(dir, ".mcp.json")]));
    expect(policy.absent.files).not.toContain(join(dir, ".bashrc"));
    expect(policy.hidden).toEqual([]);
    expect(policy.network).toEqual({ allowed: [], denied: [] });
  });

  test("an empty stand-in another running call mounted counts as not there", () => {
    const dir = project();
    mkdirSync(join(dir, ".claude"));
    const policy = policyFor(dir, { standIns: new Set([join(dir, ".claude")]) });
    expect(policy.absent.folders).toContain(join(dir, ".claude"));
    expect(policy.readOnly).not.toContain(join(dir, ".claude"));
  });

  test("a .git file (a worktree's) stays read-only itself", () => {
    const dir = tempDir("nanocode-policy-");
    writeFileSync(join(dir, ".git"), "gitdir: /elsewhere\n");
    expect(policyFor(dir).readOnly).toContain(join(dir, ".git"));
  });

  test("without a repository a command may make one: nothing of .git is guarded", () => {
    const dir = tempDir("nanocode-policy-");
    const policy = policyFor(dir);
    expect([...policy.readOnly, ...policy.absent.files, ...policy.absent.folders].filter((p) => p.includes(".git/") || p.endsWith(".git"))).toEqual([]);
  });

  test("settings paths take ./, ~/ and absolute forms; missing ones are left out", () => {
    const dir = project();
    const other = tempDir("nanocode-other-");
    const settings = { filesystem: { allowWrite: [other, "./missing"], denyWrite: ["./src"], denyRead: ["./secrets"] }, network: { allowedDomains: ["example.com"] } };
    const policy = policyFor(dir, { settings });
    expect(policy.writable).toEqual([dir, other].sort((a, b) => a.length - b.length));
    expect(policy.readOnly).toContain(join(dir, "src"));
    expect(policy.hidden).toEqual([join(dir, "secrets")]);
    expect(policy.network.allowed).toEqual(["example.com"]);
  });

  test("what permission rules grant adds to the writable folders and the hosts", () => {
    const dir = project();
    const other = tempDir("nanocode-granted-");
    const policy = policyFor(dir, { settings: { network: { allowedDomains: ["a.test"] } }, grants: { writable: [other, join(dir, "missing")], allowedDomains: ["b.test"], deniedDomains: ["c.test"] } });
    expect(policy.writable).toContain(other);
    expect(policy.writable).not.toContain(join(dir, "missing"));
    expect(policy.network).toEqual({ allowed: ["a.test", "b.test"], denied: ["c.test"] });
  });

  test("allowRead re-opens what denyRead hides", () => {
    const dir = project();
    const policy = policyFor(dir, { settings: { filesystem: { denyRead: ["./secrets"], allowRead: ["./secrets"] } } });
    expect(policy.hidden).toEqual([]);
  });

  test("deny rules' paths are hidden or read-only by their real path, and nothing read-only is listed inside a hidden folder", () => {
    const dir = project();
    symlinkSync(join(dir, "secrets"), join(dir, "link"));
    const policy = policyFor(dir, { readDenied: [join(dir, "link")], editDenied: [join(dir, "secrets/key.pem"), join(dir, "src/a.ts")] });
    expect(policy.hidden).toEqual([join(dir, "secrets")]);
    expect(policy.readOnly).toContain(join(dir, "src/a.ts"));
    expect(policy.readOnly).not.toContain(join(dir, "secrets/key.pem"));
  });
});

describe("covered paths of deny patterns", () => {
  test("a folder covered whole is one path; files elsewhere are listed one by one", () => {
    const dir = project();
    put(join(dir, "sub/.env"), "B=2\n");
    const covered = coveredPaths([`${dir}/secrets/**`, `${dir}/**/.env`]);
    expect(covered.complete).toBe(true);
    expect(covered.paths.sort()).toEqual([join(dir, ".env"), join(dir, "secrets"), join(dir, "sub/.env")].sort());
  });

  test("a folder named by the pattern itself is covered whole, with what is created in it later", () => {
    const dir = project();
    expect(coveredPaths([`${dir}/secrets`]).paths).toEqual([join(dir, "secrets")]);
  });

  test("a listing cut short says so", () => {
    const dir = project();
    expect(coveredPaths([`${dir}/**/.env`], 2).complete).toBe(false);
  });

  test("no patterns, nothing to list", () => {
    expect(coveredPaths([])).toEqual({ paths: [], complete: true });
  });
});

describe("bwrap arguments", () => {
  const blockers = { file: "/b/file", folder: "/b/folder", empty: "/b/empty" };
  const policy = { writable: ["/p"], readOnly: ["/p/.git/hooks"], hidden: ["/p/secrets", "/p/secrets/key", "/p/.env"], absent: { folders: ["/p/.claude"], files: ["/p/.bashrc"] }, network: { allowed: [], denied: [] } };
  const args = bwrapArgs(policy, { bwrap: "/usr/bin/bwrap", blockers, isFolder: (p) => p === "/p/secrets", writableFiles: ["/s/cwd"] });
  const after = (flag: string, path: string) => args.findIndex((a, i) => a === flag && args[i + 2] === path);

  test("namespaces, no capabilities, and the root read-only with a private /tmp", () => {
    expect(args.slice(0, 8)).toEqual(["/usr/bin/bwrap", "--die-with-parent", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--cap-drop", "ALL", "--ro-bind"]);
    expect(args.join(" ")).toContain("--ro-bind / / --dev /dev --proc /proc --tmpfs /tmp");
  });

  test("writable folders after the read-only root and /tmp, guarded and hidden paths after them", () => {
    expect(after("--bind", "/p")).toBeGreaterThan(args.indexOf("/tmp"));
    expect(after("--bind", "/s/cwd")).toBeGreaterThan(0);
    expect(after("--ro-bind", "/p/.git/hooks")).toBeGreaterThan(after("--bind", "/p"));
    expect(args[after("--ro-bind", "/p/secrets") + 1]).toBe("/b/folder");
    expect(args[after("--ro-bind", "/p/.env") + 1]).toBe("/b/file");
    // Inside a hidden folder there is nothing more to mount.
    expect(after("--ro-bind", "/p/secrets/key")).toBe(-1);
    // An absent guarded folder gets the empty unreadable stand-in; an absent file nothing (it is checked after the call).
    expect(args[after("--ro-bind", "/p/.claude") + 1]).toBe("/b/empty");
    expect(args).not.toContain("/p/.bashrc");
  });

  test("the seccomp filter is read from the descriptor given", () => {
    expect(bwrapArgs(policy, { bwrap: "bwrap", blockers, isFolder: () => false, seccompFd: 3 }).join(" ")).toContain("--cap-drop ALL --seccomp 3 --ro-bind / /");
    expect(args).not.toContain("--seccomp");
  });

  test("the proxy's socket folder is mounted when there is one", () => {
    const withProxy = bwrapArgs(policy, { bwrap: "bwrap", blockers, isFolder: () => false, proxy: { dir: "/run/x", relay: "/opt/nanocode" } });
    expect(withProxy.join(" ")).toContain("--ro-bind /run/x /run/x --ro-bind /opt/nanocode /opt/nanocode");
  });
});

describe("sandbox settings", () => {
  test("Claude Code's keys are read, and a wrong one is reported alone", () => {
    const text = JSON.stringify({ sandbox: { enabled: true, autoAllowBashIfSandboxed: false, excludedCommands: ["docker"], network: { allowedDomains: ["github.com"], httpProxyPort: 99999 }, filesystem: { allowWrite: 3 }, ignoreViolations: {} } });
    const read = parseSettings(text, "s.json") as { settings: Record<string, any>; problems: string[] };
    expect(read.settings.sandbox).toEqual({ enabled: true, autoAllowBashIfSandboxed: false, excludedCommands: ["docker"], network: { allowedDomains: ["github.com"] }, filesystem: {}, ignoreViolations: {} });
    expect(read.problems).toHaveLength(2);
    expect(read.problems[0]).toContain('field "sandbox.network.httpProxyPort"');
    expect(read.problems[1]).toContain('field "sandbox.filesystem.allowWrite"');
  });
});
