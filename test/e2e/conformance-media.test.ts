// Images and PDFs through the compiled binary copied alone into an empty folder: the resizer (with
// its embedded WebP decoder) and the PDF splitter must work with no node_modules and no native addon.
import { expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Jimp } from "jimp";
import { PDFDocument } from "pdf-lib";
import { ensureBinary } from "../../scripts/ensure-binary.ts";
import type { ToolResultBlock } from "../../src/model/messages.ts";
import { imageSize } from "../../src/media/image.ts";
import { runNanocode } from "../support/run.ts";
import { startScriptedServer } from "../support/scripted-server.ts";
import { binaryAlone, tempDir } from "../support/tmp.ts";
import { webp } from "../support/webp.ts";

type ImageBlock = { type: string; source: { media_type: string; data: string } };
const MEDIA_TYPE_BY_MAGIC: Record<string, string> = { "89504e47": "image/png", ffd8ffe0: "image/jpeg", ffd8ffdb: "image/jpeg" };

test("the binary alone resizes large images (PNG, WebP) and cuts pages out of a PDF", async () => {
  const { dir: alone, bin, remove } = binaryAlone(await ensureBinary(), "nanocode-alone-");
  const work = tempDir("nanocode-media-");
  writeFileSync(join(work, "wide.png"), await new Jimp({ width: 3000, height: 600, color: 0x00ff00ff }).getBuffer("image/png"));
  const doc = await PDFDocument.create();
  for (let i = 0; i < 12; i++) doc.addPage([100, 100]);
  writeFileSync(join(work, "doc.pdf"), await doc.save());
  writeFileSync(join(work, "photo.webp"), await webp(3000, 2000, 0xcc6633ff));

  const server = startScriptedServer({
    workdir: work,
    home: alone,
    turns: [
      [
        { type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/wide.png" } },
        { type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/doc.pdf", pages: "2-4" } },
        { type: "tool_use", name: "Read", input: { file_path: "$WORKDIR/photo.webp" } },
      ],
      [{ type: "text", text: "seen" }],
    ],
  });
  const run = await runNanocode(["-p", "look", "--dangerously-skip-permissions"], { bin, cwd: work, env: { HOME: alone, ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url } }).finally(remove);
  server.stop();
  expect(run.stderr).toBe("");
  expect(run.stdout).toBe("seen\n");
  const results = server.requests[1]!.body.messages.at(-1)!.content as ToolResultBlock[];
  const [image, note] = results[0]!.content as unknown as [{ type: string; source: { data: string } }, { text: string }];
  expect(image.type).toBe("image");
  expect(imageSize(Buffer.from(image.source.data, "base64"))).toEqual({ width: 2000, height: 400 });
  expect(note.text).toContain("resized from 3000x600");
  const [pdf, pdfNote] = results[1]!.content as unknown as [{ type: string; source: { data: string } }, { text: string }];
  expect(pdf.type).toBe("document");
  expect((await PDFDocument.load(Buffer.from(pdf.source.data, "base64"))).getPageCount()).toBe(3);
  expect(pdfNote.text).toBe("PDF pages 2-4 of 12.");
  const [webpImage, webpNote] = results[2]!.content as unknown as [ImageBlock, { text: string }];
  const bytes = Buffer.from(webpImage.source.data, "base64");
  expect(webpImage.type).toBe("image");
  expect(webpImage.source.data.length).toBeLessThanOrEqual(5_000_000);
  expect(MEDIA_TYPE_BY_MAGIC[bytes.subarray(0, 4).toString("hex")]).toBe(webpImage.source.media_type);
  const decoded = await Jimp.read(bytes);
  expect({ width: decoded.width, height: decoded.height }).toEqual({ width: 2000, height: 1333 });
  expect(webpNote.text).toBe("Image resized from 3000x2000 to 2000x1333 to fit the API's limits.");
});
