import { expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Jimp } from "jimp";
import { PDFDocument } from "pdf-lib";
import { imageSize } from "../../src/media/image.ts";
import read from "../../tools/read.ts";
import { webp } from "../support/webp.ts";
import { call, toolContext } from "./context.ts";

async function png(width: number, height: number): Promise<Buffer> {
  return new Jimp({ width, height, color: 0x3366ccff }).getBuffer("image/png");
}

export async function pdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([200, 200]).drawText(`page ${i + 1}`);
  return doc.save();
}

test("a small image is sent as it is, an image block", async () => {
  const ctx = toolContext();
  const bytes = await png(40, 30);
  writeFileSync(join(ctx.cwd, "s.png"), bytes);
  const { content } = await call(read, { file_path: "s.png" }, ctx);
  expect(content).toEqual([{ type: "image", source: { type: "base64", media_type: "image/png", data: bytes.toString("base64") } }]);
});

test("an image over 2000 px is scaled down to fit, and says so", async () => {
  const ctx = toolContext();
  writeFileSync(join(ctx.cwd, "big.png"), await png(4000, 1000));
  const { content } = await call(read, { file_path: "big.png" }, ctx);
  const [image, note] = content as unknown as [{ source: { data: string } }, { text: string }];
  expect(imageSize(Buffer.from(image.source.data, "base64"))).toEqual({ width: 2000, height: 500 });
  expect(note.text).toBe("Image resized from 4000x1000 to 2000x500 to fit the API's limits.");
});

test("a WebP over 2000 px is decoded, scaled down and sent as PNG, transparency kept", async () => {
  const ctx = toolContext();
  writeFileSync(join(ctx.cwd, "big.webp"), await webp(2400, 600, 0x3366cc80, true));
  const { content } = await call(read, { file_path: "big.webp" }, ctx);
  const [image, note] = content as unknown as [{ source: { media_type: string; data: string } }, { text: string }];
  expect(image.source.media_type).toBe("image/png");
  const resized = await Jimp.read(Buffer.from(image.source.data, "base64"));
  expect({ width: resized.width, height: resized.height }).toEqual({ width: 2000, height: 500 });
  expect(resized.getPixelColor(1000, 250)).toBe(0x3366cc80);
  expect(note.text).toBe("Image resized from 2400x600 to 2000x500 to fit the API's limits.");
});

test("a damaged or oversized image over the limit is one clear error, not a crash", async () => {
  const ctx = toolContext();
  const whole = await png(4000, 1000);
  writeFileSync(join(ctx.cwd, "cut.png"), whole.subarray(0, 200));
  expect((await call(read, { file_path: "cut.png" }, ctx)).text).toBe("This image (200 bytes) could not be decoded: the file is damaged or not in a format it claims.");
  // A 20000x20000 canvas claimed by the header: refused before any pixel memory is allocated.
  const huge = Buffer.from(await png(3000, 10));
  huge.writeUInt32BE(20000, 16);
  huge.writeUInt32BE(20000, 20);
  writeFileSync(join(ctx.cwd, "huge.png"), huge);
  expect((await call(read, { file_path: "huge.png" }, ctx)).text).toContain("has more than 64 million pixels, too many to resize here");
});

test("image sizes are read from PNG, JPEG, GIF and WebP headers", async () => {
  const image = new Jimp({ width: 17, height: 9, color: 0xff0000ff });
  expect(imageSize(await image.getBuffer("image/jpeg"))).toEqual({ width: 17, height: 9 });
  expect(imageSize(await image.getBuffer("image/gif"))).toEqual({ width: 17, height: 9 });
  // A VP8L (lossless WebP) header for a 17x9 image.
  const webp = new Uint8Array(32);
  webp.set([..."RIFF"].map((c) => c.charCodeAt(0)), 0);
  webp.set([..."WEBPVP8L"].map((c) => c.charCodeAt(0)), 8);
  webp.set([0x2f, 16, 0x00 | (8 << 6), 8 >> 2, 0], 20);
  expect(imageSize(webp)).toEqual({ width: 17, height: 9 });
});

test("a PDF goes whole as a document block; pages cut a range out of it", async () => {
  const ctx = toolContext();
  writeFileSync(join(ctx.cwd, "doc.pdf"), await pdf(30));
  const whole = await call(read, { file_path: "doc.pdf" }, ctx);
  expect(whole.text).toBe("[document]\nPDF, 30 pages.");
  const part = await call(read, { file_path: "doc.pdf", pages: "3-5" }, ctx);
  expect(part.text).toBe("[document]\nPDF pages 3-5 of 30.");
  const data = (part.content as { source: { data: string } }[])[0]!.source.data;
  expect((await PDFDocument.load(Buffer.from(data, "base64"))).getPageCount()).toBe(3);
  expect((await call(read, { file_path: "doc.pdf", pages: "31" }, ctx)).text).toContain("has 30 pages");
  expect((await call(read, { file_path: "doc.pdf", pages: "1-25" }, ctx)).text).toContain("At most 20 pages");
  expect((await call(read, { file_path: "doc.pdf", pages: "x" }, ctx)).text).toContain("Invalid pages");
});
