import { expect, test } from "bun:test";
import { join } from "node:path";
import { attachMentions } from "../../src/skills/mentions.ts";
import { put, tempDir } from "../support/tmp.ts";

test("a mention the deny rules hide (a file, or a resource at a file: URI) attaches nothing and is told in one line", async () => {
  const dir = tempDir();
  put(join(dir, "secrets/key.txt"), "SECRET");
  put(join(dir, "pub.txt"), "PUBLIC");
  const refused: string[] = [];
  const read: string[] = [];
  const blocks = await attachMentions(`see @secrets/key.txt @pub.txt @fs:file://${dir}/secrets/key.txt @fs:info://x @nobody@example.com`, {
    cwd: dir,
    canRead: (path) => !path.includes("/secrets/"),
    refused: (line) => refused.push(line),
    resource: async (server, uri) => (read.push(uri), [{ type: "text", text: `resource ${server} ${uri}` }]),
  });
  const text = JSON.stringify(blocks);
  expect(text).toContain("PUBLIC");
  expect(text).not.toContain("SECRET");
  expect(read).toEqual(["info://x"]);
  expect(refused.sort()).toEqual([`@fs:file://${dir}/secrets/key.txt was not attached: a Read deny rule hides secrets/key.txt`, "@secrets/key.txt was not attached: a Read deny rule hides secrets/key.txt"]);
});
