import { expect, test } from "bun:test";
import { decodeWebp } from "../../src/media/webp.ts";
import { webp } from "../support/webp.ts";

test("a lossless WebP with transparency decodes to its exact RGBA pixels", async () => {
  const bitmap = await decodeWebp(await webp(5, 3, 0x1020307f, true));
  expect({ width: bitmap.width, height: bitmap.height }).toEqual({ width: 5, height: 3 });
  expect([...bitmap.data]).toEqual(Array.from({ length: 15 }, () => [0x10, 0x20, 0x30, 0x7f]).flat());
});

test("a damaged WebP is refused with a clear error", async () => {
  const bytes = await webp(64, 64, 0xff0000ff);
  await expect(decodeWebp(bytes.subarray(0, 40))).rejects.toThrow("This WebP image (40 bytes) could not be decoded: the file is damaged or not a WebP image.");
});

test("an animated WebP is refused, saying how to get a still frame", async () => {
  // An extended (VP8X) header with the animation flag, for a 3000x2000 canvas.
  const bytes = new Uint8Array(64);
  bytes.set([..."RIFF"].map((c) => c.charCodeAt(0)), 0);
  bytes.set([..."WEBPVP8X"].map((c) => c.charCodeAt(0)), 8);
  bytes.set([10, 0, 0, 0, 0x02, 0, 0, 0, 0xb7, 0x0b, 0, 0xcf, 0x07, 0], 16);
  await expect(decodeWebp(bytes)).rejects.toThrow("This animated WebP image (64 bytes) is too large to send, and only still WebP images can be resized here; extract a frame first (e.g. `webpmux -get frame 1` through Bash).");
});
