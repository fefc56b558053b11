// install.sh against a local HTTP server: with a stand-in release (always), and with the real dist/
// of `bun run build --all` (NANOCODE_DIST_TESTS=1, as .ci/run does after building every target).

import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { ROOT } from "../../scripts/ensure-binary.ts";
import { platformName } from "../../src/sdk/executable.ts";
import { fakeRelease, serveFolder } from "../support/release-server.ts";
import { tempDir } from "../support/tmp.ts";

let stop = () => {};
const made: string[] = [];
afterEach(() => {
  stop();
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function install(releaseDir: string, env: Record<string, string> = {}) {
  const server = serveFolder(releaseDir);
  stop = server.stop;
  const home = tempDir("nanocode-home-");
  made.push(home);
  const proc = Bun.spawn(["sh", join(ROOT, "install.sh")], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, NANOCODE_RELEASE_URL: server.url, ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  const binary = join(home, ".local", "bin", "nanocode");
  return { stdout, stderr, code, binary, home, hits: server.hits };
}

describe("with a stand-in release", () => {
  test("picks this machine's archive, verifies it and installs to ~/.local/bin", async () => {
    const release = tempDir("nanocode-release-");
    await fakeRelease(release, platformName(), "7.0.0");
    const { code, stderr, stdout, binary, hits } = await install(release);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain(`Installed nanocode 7.0.0 to ${binary}`);
    expect(Bun.spawnSync([binary, "--version"]).stdout.toString()).toBe("7.0.0 (nanocode)\n");
    expect(hits).toEqual(["SHA256SUMS", `nanocode-${platformName()}.tar.gz`]);
  });

  test("NANOCODE_TARGET picks another variant; one missing from SHA256SUMS is refused", async () => {
    const release = tempDir("nanocode-release-");
    await fakeRelease(release, "linux-x64-musl", "7.0.0");
    expect((await install(release, { NANOCODE_TARGET: "linux-x64-musl" })).code).toBe(0);
    const missing = await install(release, { NANOCODE_TARGET: "linux-arm64" });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("nanocode install: nanocode-linux-arm64.tar.gz is not in this release's SHA256SUMS\n");
  });

  test("a checksum mismatch installs nothing", async () => {
    const release = tempDir("nanocode-release-");
    await fakeRelease(release, platformName(), "7.0.0", { breakChecksum: true });
    const { code, stderr, binary } = await install(release);
    expect(code).toBe(1);
    expect(stderr).toContain("checksum mismatch");
    expect(existsSync(binary)).toBe(false);
  });
});

describe.if(process.env.NANOCODE_DIST_TESTS === "1")("with the real dist/ (bun run build --all)", () => {
  test("installs the host binary, which runs and loads a user tool module", async () => {
    const { code, stderr, binary, home } = await install(join(ROOT, "dist"));
    expect([code, stderr]).toEqual([0, ""]);
    expect(Bun.spawnSync([binary, "--version"]).stdout.toString()).toBe(`${pkg.version} (nanocode)\n`);
    await Bun.write(join(home, ".nanocode", "tools", "git-history.ts"), Bun.file(join(ROOT, "examples", "tools", "git-history.ts")));
    expect(Bun.spawnSync([binary, "tools"], { cwd: home, env: { HOME: home, PATH: process.env.PATH ?? "" } }).stdout.toString()).toMatch(/^GitHistory\b/m);
  });

  test("every archive is listed in SHA256SUMS with its real checksum", async () => {
    const sums = (await Bun.file(join(ROOT, "dist", "SHA256SUMS")).text()).trim().split("\n");
    expect(sums).toHaveLength(8);
    for (const line of sums) {
      const [sum, name] = line.split(/\s+/);
      expect(name).toMatch(/^nanocode-(linux|darwin|windows)-(x64|arm64)(-musl|-baseline)?\.(tar\.gz|zip)$/);
      const actual = new Bun.CryptoHasher("sha256").update(await Bun.file(join(ROOT, "dist", name!)).arrayBuffer()).digest("hex");
      expect(actual).toBe(sum!);
    }
  });
});
