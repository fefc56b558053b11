// Serves a folder over HTTP on 127.0.0.1, as a release host would serve dist/.
import { existsSync } from "node:fs";
import { join, normalize } from "node:path";

export function serveFolder(dir: string): { url: string; hits: string[]; stop(): void } {
  const hits: string[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const path = normalize(decodeURIComponent(new URL(req.url).pathname)).replace(/^\/+/, "");
      hits.push(path);
      const file = join(dir, path);
      return path && !path.startsWith("..") && existsSync(file) ? new Response(Bun.file(file)) : new Response("not found", { status: 404 });
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, hits, stop: () => server.stop(true) };
}

/** A release folder whose archive for `target` holds a stand-in binary: a script printing `version`. */
export async function fakeRelease(dir: string, target: string, version: string, options: { breakChecksum?: boolean; brokenBinary?: boolean } = {}): Promise<void> {
  const stage = join(dir, "stage");
  const script = options.brokenBinary ? "#!/bin/sh\nexit 3\n" : `#!/bin/sh\necho "${version} (nanocode)"\n`;
  await Bun.write(join(stage, "nanocode"), script);
  Bun.spawnSync(["chmod", "755", join(stage, "nanocode")]);
  const archive = `nanocode-${target}.tar.gz`;
  Bun.spawnSync(["tar", "-czf", join(dir, archive), "-C", stage, "nanocode"]);
  const sum = new Bun.CryptoHasher("sha256").update(await Bun.file(join(dir, archive)).arrayBuffer()).digest("hex");
  await Bun.write(join(dir, "SHA256SUMS"), `${options.breakChecksum ? "0".repeat(64) : sum}  ${archive}\n${"1".repeat(64)}  nanocode-other.tar.gz\n`);
  await Bun.write(join(dir, "VERSION"), `${version}\n`);
}
