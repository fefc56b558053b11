// `nanocode update` against a local release folder: the compiled binary replaces itself atomically,
// and only with a verified archive whose binary runs.

import { afterEach, expect, test } from "bun:test";
import { copyFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { ensureBinary } from "../../scripts/ensure-binary.ts";
import { platformName } from "../../src/sdk/executable.ts";
import { newerThan } from "../../src/update/update.ts";
import { fakeRelease, serveFolder } from "../support/release-server.ts";
import { tempDir } from "../support/tmp.ts";

let stop = () => {};
const made: string[] = [];
afterEach(() => {
  stop();
  // Each test copies the 100 MB binary: do not leave it behind.
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function setup(version: string, options: Parameters<typeof fakeRelease>[3] = {}) {
  const release = tempDir("nanocode-release-");
  await fakeRelease(release, platformName(), version, options);
  const server = serveFolder(release);
  stop = server.stop;
  const home = tempDir("nanocode-home-");
  made.push(home, release);
  const installed = join(home, "bin", "nanocode");
  await Bun.write(installed, "");
  copyFileSync(await ensureBinary(), installed);
  const update = async () => {
    const proc = Bun.spawn([installed, "update"], { cwd: home, env: { PATH: process.env.PATH ?? "", HOME: home, NANOCODE_RELEASE_URL: server.url }, stdout: "pipe", stderr: "pipe" });
    const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    return { stdout, stderr, code };
  };
  const version_ = () => Bun.spawnSync([installed, "--version"]).stdout.toString();
  return { update, installedVersion: version_, dir: join(home, "bin"), hits: server.hits };
}

test("a newer release is downloaded, verified, run once, and renamed over the binary", async () => {
  const { update, installedVersion, dir, hits } = await setup("99.0.0");
  const { stdout, stderr, code } = await update();
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout).toContain(`Updated nanocode ${pkg.version} → 99.0.0`);
  expect(installedVersion()).toBe("99.0.0 (nanocode)\n");
  expect(readdirSync(dir)).toEqual(["nanocode"]);
  expect(hits).toEqual(["VERSION", "SHA256SUMS", `nanocode-${platformName()}.tar.gz`]);
});

test("the same version: nothing to do", async () => {
  const { update, hits } = await setup(pkg.version);
  const { stdout, code } = await update();
  expect([stdout, code]).toEqual([`nanocode ${pkg.version} is up to date (latest: ${pkg.version}).\n`, 0]);
  expect(hits).toEqual(["VERSION"]);
});

test("a checksum mismatch changes nothing", async () => {
  const { update, installedVersion, dir } = await setup("99.0.0", { breakChecksum: true });
  const { stderr, code } = await update();
  expect(code).toBe(1);
  expect(stderr).toContain("checksum mismatch");
  expect(installedVersion()).toBe(`${pkg.version} (nanocode)\n`);
  expect(readdirSync(dir)).toEqual(["nanocode"]);
});

test("a downloaded binary that does not run changes nothing", async () => {
  const { update, installedVersion, dir } = await setup("99.0.0", { brokenBinary: true });
  const { stderr, code } = await update();
  expect(code).toBe(1);
  expect(stderr).toContain("does not run here");
  expect(installedVersion()).toBe(`${pkg.version} (nanocode)\n`);
  expect(readdirSync(dir)).toEqual(["nanocode"]);
});

test("version order", () => {
  expect(newerThan("0.10.0", "0.9.9")).toBe(true);
  expect(newerThan("v1.0.0", "1.0.0")).toBe(false);
  expect(newerThan("1.0.0", "1.0.0-rc.1")).toBe(true);
  expect(newerThan("1.0.0-rc.1", "1.0.0")).toBe(false);
  expect(newerThan("0.1.0", "0.2.0")).toBe(false);
});
