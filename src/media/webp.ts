// WebP decoding for the image resizer: libwebp's decoder compiled to WASM (@jsquash/webp, the codec
// jimp's own @jimp/wasm-webp plugin wraps). That plugin cannot run in the compiled binary: it finds
// its .wasm beside its JS file, which is not there, and re-initialises without options on every
// call, so nothing can point it elsewhere. Here the .wasm is embedded in the binary and its bytes
// handed to the decoder. Only decoding is needed: jimp re-encodes the resized image as PNG or JPEG.

import decode, { init } from "@jsquash/webp/decode.js";
import decoderWasm from "@jsquash/webp/codec/dec/webp_dec.wasm" with { type: "file" };

/** `wasmBinary` is an Emscripten module option that the package's types leave out. */
type DecoderOptions = Parameters<typeof init>[0] & { wasmBinary: ArrayBuffer };

type Bitmap = { data: Buffer; width: number; height: number };

/** The animation flag of an extended (VP8X) header: libwebp's simple decoder reads still images only. */
const isAnimated = (b: Uint8Array) => String.fromCharCode(...b.subarray(12, 16)) === "VP8X" && (b[20]! & 0x02) !== 0;

/** RGBA pixels of a still WebP image (lossy or lossless, with or without alpha). */
export async function decodeWebp(bytes: Uint8Array): Promise<Bitmap> {
  if (isAnimated(bytes)) throw new Error(`This animated WebP image (${bytes.length} bytes) is too large to send, and only still WebP images can be resized here; extract a frame first (e.g. \`webpmux -get frame 1\` through Bash).`);
  // A fresh WASM instance per image: its memory grows to the image's size and is freed with it,
  // rather than held for the rest of the session.
  const options: DecoderOptions = { wasmBinary: await Bun.file(decoderWasm).arrayBuffer() };
  await init(options);
  const image = await decode(bytes.slice().buffer).catch(() => undefined);
  if (!image) throw new Error(`This WebP image (${bytes.length} bytes) could not be decoded: the file is damaged or not a WebP image.`);
  return { data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), width: image.width, height: image.height };
}
