// Compiles nanocode into standalone binaries.
//   bun run build          dist/nanocode for this machine
//   bun run build --all    every release target, smoke-tested where it can run here: archives
//                          nanocode-<os>-<arch>.tar.gz/.zip, SHA256SUMS, VERSION and install.sh in
//                          dist/; raw binaries in dist/bin/; the npm packages in dist/npm/
import { chmodSync, copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { BunPlugin } from "bun";
import pkg from "../package.json" with { type: "json" };
import { builtinPlugin } from "../src/registry/builtin-plugin.ts";
import { platformName } from "../src/sdk/executable.ts";
import { npmTargets, writeMainPackage, writePlatformPackage } from "./npm-packages.ts";
import { smokeTest } from "./smoke.ts";

const ROOT = join(import.meta.dir, "..");
const DIST = join(ROOT, "dist");

export type Target = { target: Bun.Build.CompileTarget; name: string; os: "linux" | "darwin" | "win32"; cpu: "x64" | "arm64"; libc?: "glibc" | "musl" };

/** Every release target. `name` is the platform part of archive and npm package names. */
export const TARGETS: Target[] = [
  { target: "bun-linux-x64", name: "linux-x64", os: "linux", cpu: "x64", libc: "glibc" },
  { target: "bun-linux-x64-baseline", name: "linux-x64-baseline", os: "linux", cpu: "x64", libc: "glibc" },
  { target: "bun-linux-x64-musl", name: "linux-x64-musl", os: "linux", cpu: "x64", libc: "musl" },
  { target: "bun-linux-arm64", name: "linux-arm64", os: "linux", cpu: "arm64", libc: "glibc" },
  { target: "bun-linux-arm64-musl", name: "linux-arm64-musl", os: "linux", cpu: "arm64", libc: "musl" },
  { target: "bun-darwin-x64", name: "darwin-x64", os: "darwin", cpu: "x64" },
  { target: "bun-darwin-arm64", name: "darwin-arm64", os: "darwin", cpu: "arm64" },
  { target: "bun-windows-x64", name: "windows-x64", os: "win32", cpu: "x64" },
];

/**
 * turndown loads domino, a second DOM implementation (0.8 MB of the binary), only to parse HTML
 * strings; WebFetch hands it nodes linkedom already parsed, so the binary gets a stand-in instead.
 */
const withoutDomino: BunPlugin = {
  name: "without-domino",
  setup(build) {
    build.onResolve({ filter: /^@mixmark-io\/domino$/ }, () => ({ path: "domino", namespace: "stand-in" }));
    build.onLoad({ filter: /.*/, namespace: "stand-in" }, () => ({
      contents: `export function createDocument() { throw new Error("turndown was given an HTML string; nanocode's binary gives it parsed nodes"); }`,
      loader: "js",
    }));
  },
};

export const exeName = (t: Pick<Target, "os">) => (t.os === "win32" ? "nanocode.exe" : "nanocode");
export const archiveName = (t: Pick<Target, "os" | "name">) => `nanocode-${t.name}.${t.os === "win32" ? "zip" : "tar.gz"}`;

/** `buildTarget` is baked in so `nanocode update` fetches the same variant (musl, baseline) it runs as. */
export async function compile(outfile: string, target?: Target): Promise<void> {
  const result = await Bun.build({
    entrypoints: [join(ROOT, "src/cli.ts")],
    // A bunfig.toml or .env in the user's project is theirs, not ours: a preload there must not run
    // inside nanocode (nor break it), and their secrets must not enter its environment.
    compile: { outfile, ...(target ? { target: target.target } : {}), autoloadBunfig: false, autoloadDotenv: false },
    minify: true,
    bytecode: true,
    // Split chunks load when first imported: code behind a lazy import (MCP SDK and zod, PDF and
    // image libraries, tree-sitter) is then neither parsed nor held in memory until it is used.
    // One big chunk cost ~8 MiB of RSS and ~10 ms of start-up for code most runs never touch.
    format: "esm",
    splitting: true,
    sourcemap: "none",
    plugins: [builtinPlugin, withoutDomino],
    define: { "process.env.NANOCODE_BUILD_TARGET": JSON.stringify(target?.name ?? platformName()) },
  });
  if (!result.success) {
    for (const log of result.logs) console.error(log);
    throw new Error(`build failed for ${target?.target ?? "host"}`);
  }
}

export async function sha256(path: string): Promise<string> {
  const hasher = new Bun.CryptoHasher("sha256");
  hasher.update(await Bun.file(path).arrayBuffer());
  return hasher.digest("hex");
}

function run(argv: string[], cwd: string): void {
  const proc = Bun.spawnSync(argv, { cwd, stdout: "pipe", stderr: "pipe" });
  if (proc.exitCode !== 0) throw new Error(`${argv.join(" ")} failed: ${proc.stderr.toString()}`);
}

/** The archive holds the binary alone, executable, owned by root, so unpacking anywhere just works. */
function archive(t: Target, binDir: string, out: string): void {
  rmSync(out, { force: true });
  if (t.os === "win32") run(["zip", "-q", "-X", out, exeName(t)], binDir);
  else run(["tar", "-czf", out, "--owner=0", "--group=0", "--numeric-owner", "-C", binDir, exeName(t)], binDir);
}

async function buildAll(): Promise<void> {
  const sums: string[] = [];
  const failures: string[] = [];
  for (const t of TARGETS) {
    const started = performance.now();
    const binDir = join(DIST, "bin", t.name);
    mkdirSync(binDir, { recursive: true });
    const binary = join(binDir, exeName(t));
    await compile(binary, t);
    chmodSync(binary, 0o755);
    const smoke = await smokeTest(binary, t);
    if (!smoke.ok) failures.push(`${t.name}: ${smoke.detail}`);
    const archivePath = join(DIST, archiveName(t));
    archive(t, binDir, archivePath);
    sums.push(`${await sha256(archivePath)}  ${archiveName(t)}`);
    if (npmTargets([t]).length) await writePlatformPackage(join(DIST, "npm"), t, binary, pkg.version);
    const mib = (Bun.file(binary).size / 2 ** 20).toFixed(0);
    console.log(`${archiveName(t).padEnd(34)} ${mib.padStart(4)} MiB  ${smoke.ok ? "ok" : "FAILED"}: ${smoke.detail} (${Math.round(performance.now() - started)} ms)`);
  }
  await writeMainPackage(join(DIST, "npm", "nanocode"), pkg.version, TARGETS);
  await Bun.write(join(DIST, "SHA256SUMS"), `${sums.join("\n")}\n`);
  await Bun.write(join(DIST, "VERSION"), `${pkg.version}\n`);
  copyFileSync(join(ROOT, "install.sh"), join(DIST, "install.sh"));
  console.log("dist/SHA256SUMS, dist/VERSION, dist/install.sh, dist/npm/");
  if (failures.length) throw new Error(`smoke tests failed:\n${failures.join("\n")}`);
}

async function main(): Promise<void> {
  mkdirSync(DIST, { recursive: true });
  if (process.argv.includes("--all")) return buildAll();
  const started = performance.now();
  await compile(join(DIST, "nanocode"));
  console.log(`dist/nanocode (${Math.round(performance.now() - started)} ms)`);
}

if (import.meta.main) await main();
