// WebP fixtures, made with libwebp's encoder compiled to WASM (a dev dependency: cwebp is not
// installed everywhere CI runs), so the resizer (Bun.Image) is checked against another codebase.
import encode from "@jsquash/webp/encode.js";

/** A WebP image of one colour (0xRRGGBBAA); lossy by default, as most WebP files are. */
export async function webp(width: number, height: number, rgba: number, lossless = false): Promise<Uint8Array> {
  const data = new Uint8ClampedArray(width * height * 4);
  const pixel = [rgba >>> 24, (rgba >>> 16) & 0xff, (rgba >>> 8) & 0xff, rgba & 0xff];
  for (let i = 0; i < data.length; i += 4) data.set(pixel, i);
  return new Uint8Array(await encode({ data, width, height, colorSpace: "srgb" }, { lossless: lossless ? 1 : 0, exact: 1 }));
}
