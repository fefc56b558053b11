// Smoke tests for a freshly built binary: each has its executable header checked (format and CPU),
// so a mixed-up target cannot ship; the ones this machine can run, natively or under an emulator
// (scripts/emulators.ts), are then started for real, alone in an empty folder, loading a sample
// user tool module.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import pkg from "../package.json" with { type: "json" };
import { lacksAvx2, platformName } from "../src/sdk/executable.ts";
import type { Target } from "./build.ts";
import { type Emulator, emulatorFor } from "./emulators.ts";

const ROOT = join(import.meta.dir, "..");
const SAMPLE_TOOL = join(ROOT, "examples", "tools", "git-history.ts");

export type Smoke = { ok: boolean; detail: string };

/** Whether this machine can start a build of `t`. A musl build needs a musl system (its libstdc++ too). */
export function runsHere(t: Target): boolean {
  if (t.os !== process.platform || t.cpu !== process.arch) return false;
  if (t.os === "linux" && (t.libc === "musl") !== (platformName().endsWith("-musl"))) return false;
  return t.name.includes("baseline") || !lacksAvx2();
}

/** What the header of an executable says it is: `ELF x64`, `Mach-O arm64`, `PE x64`, … */
export function headerOf(path: string): string {
  const b = readFileSync(path).subarray(0, 4096);
  const u16 = (at: number) => b.readUInt16LE(at);
  const u32 = (at: number) => b.readUInt32LE(at);
  if (u32(0) === 0x464c457f) return `ELF ${{ 62: "x64", 183: "arm64" }[u16(18)] ?? `machine ${u16(18)}`}`;
  if (u32(0) === 0xfeedfacf) return `Mach-O ${{ 0x01000007: "x64", 0x0100000c: "arm64" }[u32(4)] ?? `cpu ${u32(4)}`}`;
  if (u16(0) === 0x5a4d && u32(u32(0x3c)) === 0x4550) return `PE ${{ 0x8664: "x64", 0xaa64: "arm64" }[u16(u32(0x3c) + 4)] ?? "other"}`;
  return "unknown";
}

const expectedHeader = (t: Target) => `${{ linux: "ELF", darwin: "Mach-O", win32: "PE" }[t.os]} ${t.cpu}`;

export async function smokeTest(binary: string, t: Target): Promise<Smoke> {
  const header = headerOf(binary);
  if (header !== expectedHeader(t)) return { ok: false, detail: `header says ${header}, expected ${expectedHeader(t)}` };
  const emulator = runsHere(t) ? NATIVE : emulatorFor(t);
  if ("cannot" in emulator) return { ok: true, detail: `${header}, header only: ${emulator.cannot}` };

  const dir = mkdtempSync(join(tmpdir(), `nanocode-smoke-${t.name}-`));
  try {
    return runAlone(binary, dir, emulator);
  } finally {
    emulator.tearDown?.(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

const NATIVE: Emulator = { name: "", command: [] };

function runAlone(binary: string, dir: string, emulator: Emulator): Smoke {
  const alone = join(dir, basename(binary));
  copyFileSync(binary, alone);
  mkdirSync(join(dir, ".nanocode", "tools"), { recursive: true });
  copyFileSync(SAMPLE_TOOL, join(dir, ".nanocode", "tools", "git-history.ts"));
  // A project's own bunfig.toml (a preload) and .env must not reach inside the binary.
  writeFileSync(join(dir, "bunfig.toml"), 'preload = ["./missing-preload.ts"]\n');
  writeFileSync(join(dir, ".env"), "ANTHROPIC_BASE_URL=http://127.0.0.1:9\n");
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, ...emulator.setUp?.(dir) };
  const version = run([...emulator.command, alone, "--version"], dir, env);
  if (version.stdout !== `${pkg.version} (nanocode)\n`) return { ok: false, detail: `--version printed ${JSON.stringify(version.stdout)} ${version.stderr}` };
  // A project's tool modules load only in a trusted folder; under Wine the folder is not the home.
  const tools = run([...emulator.command, alone, "tools", "--trust"], dir, env);
  if (tools.exitCode !== 0 || !/^GitHistory\b/m.test(tools.stdout)) return { ok: false, detail: `the sample tool did not load: ${tools.stderr || tools.stdout}` };
  return { ok: true, detail: `ran --version and loaded a user tool module${emulator.name && ` under ${emulator.name}`}` };
}

/**
 * Output goes to files, not pipes: a pipe ends only when every process holding it has closed it, and
 * Wine's helper processes inherit it and outlive the program by seconds (3 s a run, for nothing).
 * A hung emulator fails the smoke test after two minutes instead of stalling the build.
 */
function run(argv: string[], dir: string, env: Record<string, string>) {
  const [stdout, stderr] = [join(dir, "stdout.txt"), join(dir, "stderr.txt")];
  for (const file of [stdout, stderr]) writeFileSync(file, ""); // the child's writes do not truncate
  const { exitCode } = Bun.spawnSync(argv, { cwd: dir, env, stdout: Bun.file(stdout), stderr: Bun.file(stderr), timeout: 120_000 });
  return { exitCode, stdout: readFileSync(stdout, "utf8"), stderr: readFileSync(stderr, "utf8") };
}
