import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The platform part of our release names: `linux-x64`, `linux-arm64-musl`, `darwin-arm64`,
 * `windows-x64`. The same names are used by the archives and the npm platform packages.
 */
export function platformName(platform: string = process.platform, arch: string = process.arch, musl = isMusl()): string {
  const os = platform === "win32" ? "windows" : platform;
  return `${os}-${arch}${musl ? "-musl" : ""}`;
}

function isMusl(): boolean {
  if (process.platform !== "linux") return false;
  // glibc's version is in the process report; musl has none.
  const report = (process as { report?: { getReport?: () => unknown } }).report?.getReport?.() as { header?: { glibcVersionRuntime?: string } } | undefined;
  if (report?.header) return !report.header.glibcVersionRuntime;
  return existsSync("/etc/alpine-release");
}

/** Linux x64 CPUs without AVX2 need the `-baseline` build. */
export function lacksAvx2(): boolean {
  if (process.platform !== "linux" || process.arch !== "x64") return false;
  try {
    return !/\bavx2\b/.test(readFileSync("/proc/cpuinfo", "utf8"));
  } catch {
    return false;
  }
}

/** The binary of the npm platform package installed beside this one (npm installs only the one that fits). */
export function platformBinary(): string | undefined {
  const exe = process.platform === "win32" ? "nanocode.exe" : "nanocode";
  const require = createRequire(import.meta.url);
  const names = [platformName(), `${platformName()}-baseline`];
  for (const name of lacksAvx2() ? names.reverse() : names) {
    try {
      const file = join(dirname(require.resolve(`nanocode-${name}/package.json`)), "bin", exe);
      if (existsSync(file)) return file;
    } catch {
      // Not installed.
    }
  }
  return undefined;
}

/** Where the nanocode binary is: `$NANOCODE_BIN`, else the npm platform package, else `nanocode` on PATH. */
export function findNanocode(explicit?: string, env: Record<string, string | undefined> = process.env): string {
  return explicit || env.NANOCODE_BIN || platformBinary() || "nanocode";
}
