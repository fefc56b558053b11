// How this machine can start a release binary built for another platform: under an emulator or a
// compat layer from Debian's packages, so the smoke test runs the binary for real instead of only
// reading its header. `.ci/run` installs them; without them the smoke test falls back to the header.
//   linux-arm64 (glibc)  qemu-user + libc6-arm64-cross: qemu-aarch64 with the cross libc as sysroot
//   windows-x64          wine64, plus a one-function DLL built with mingw-w64 (wine-process-prng.c)
//   *-musl               not here: Bun's musl build needs libstdc++ built for musl, which Debian
//                        does not package (it packages musl's libc only)
//   darwin-*             not here: nothing runs a macOS binary on Linux; the release workflow does
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Target } from "./build.ts";

export type Emulator = {
  /** What runs the binary, said in the smoke test's line. */
  name: string;
  /** Put before the binary's path and arguments. */
  command: string[];
  /** Readies `dir` (the folder the binary runs in) and returns the environment the emulator needs. */
  setUp?: (dir: string) => Record<string, string>;
  /** Ends what the runs left behind, before `dir` is removed. */
  tearDown?: (dir: string) => void;
};

/** Why a target's binary cannot run here, said in the smoke test's line. */
export type Cannot = { cannot: string };

/** The GNU names of our CPUs, as qemu and Debian's cross sysroots (/usr/<cpu>-linux-gnu) spell them. */
const GNU_CPU = { x64: "x86_64", arm64: "aarch64" } as const;

const WINE_SHIM = join(import.meta.dir, "wine-process-prng.c");
/** Debian's wine64 package puts the loader outside PATH (the `wine` package adds a wrapper there). */
const DEBIAN_WINE64 = "/usr/lib/wine/wine64";

/** How to run a build of `t` that this machine cannot start natively, or why it cannot. */
export function emulatorFor(t: Target): Emulator | Cannot {
  if (t.os === "darwin") return { cannot: "no macOS on Linux; the release workflow runs it on macOS" };
  if (process.platform !== "linux") return { cannot: "emulators are set up for Linux machines only" };
  if (t.os === "win32") return wine();
  if (t.libc === "musl") return { cannot: "Bun's musl build needs a libstdc++ built for musl, which Debian does not package" };
  if (t.cpu === process.arch) return { cannot: "this machine's CPU (no AVX2) or C library does not fit it" };
  return qemu(t);
}

function qemu(t: Target): Emulator | Cannot {
  const cpu = GNU_CPU[t.cpu];
  const exe = Bun.which(`qemu-${cpu}`) ?? Bun.which(`qemu-${cpu}-static`);
  const sysroot = `/usr/${cpu}-linux-gnu`;
  if (!exe || !existsSync(sysroot)) return { cannot: `install qemu-user and libc6-${t.cpu === "x64" ? "amd64" : t.cpu}-cross to run it` };
  // -L: the binary's loader and libc are looked up in the cross sysroot instead of the host's /lib.
  return { name: `qemu-${cpu}`, command: [exe, "-L", sysroot] };
}

function wine(): Emulator | Cannot {
  const exe = Bun.which("wine64") ?? (existsSync(DEBIAN_WINE64) ? DEBIAN_WINE64 : undefined);
  const cc = Bun.which("x86_64-w64-mingw32-gcc");
  if (process.arch !== "x64" || !exe || !cc) return { cannot: "install wine64 and gcc-mingw-w64-x86-64-win32 to run it" };
  // A fresh Wine prefix (~700 MB) inside the run's folder, removed with it. No Mono or Gecko: their
  // installers would only slow down the prefix's creation. No Wine debug chatter on stderr.
  const env = (dir: string) => ({ WINEPREFIX: join(dir, ".wine"), WINEDLLOVERRIDES: "mscoree,mshtml=", WINEDEBUG: "-all" });
  return {
    name: "wine64",
    command: [exe],
    setUp: (dir) => {
      // Windows looks for a DLL beside the program first, so the shim needs no Wine configuration.
      const built = Bun.spawnSync([cc, "-O2", "-s", "-shared", "-o", join(dir, "bcryptprimitives.dll"), WINE_SHIM, "-ladvapi32"], { stderr: "pipe" });
      if (built.exitCode !== 0) throw new Error(`building the Wine shim failed: ${built.stderr.toString()}`);
      return env(dir);
    },
    // wineserver and Wine's service processes outlive the program by seconds and write into the
    // prefix as they exit: stop them (-k waits for them) so the folder can be removed whole.
    tearDown: (dir) => void Bun.spawnSync([join(dirname(exe), "wineserver"), "-k"], { env: { ...process.env, ...env(dir) } }),
  };
}
