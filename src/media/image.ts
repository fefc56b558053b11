// Images for the model. The API takes PNG, JPEG, GIF and WebP up to 5 MB (base64) and scales
// anything over about 2000 px down anyway, so larger images are resized here (smaller request,
// no rejection). Bun.Image decodes all four (GIF: its first frame) and resizes natively, so the
// binary carries no image library of its own (jimp and a WASM WebP decoder cost 4.5 MB of it).

export const IMAGE_TYPES: Record<string, string> = { ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp" };

const MAX_EDGE = 2000;
/** 5 MB of base64 is 3.75 MB of bytes. */
const MAX_BYTES = 3_750_000;

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

/** Refused before any pixel memory is allocated: 8000x8000 RGBA is already 256 MB. */
const MAX_PIXELS = 64_000_000;

const isWebp = (b: Uint8Array) => b.length > 30 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50;

/** Width and height from the file header, without decoding the image. */
export function imageSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length > 24 && b[0] === 0x89 && b[1] === 0x50) return { width: u32be(b, 16), height: u32be(b, 20) };
  if (b.length > 10 && b[0] === 0x47 && b[1] === 0x49) return { width: u16le(b, 6), height: u16le(b, 8) };
  if (isWebp(b)) {
    const chunk = String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!);
    if (chunk === "VP8X") return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
    if (chunk === "VP8L") return { width: 1 + (u16le(b, 21) & 0x3fff), height: 1 + (((b[22]! >> 6) | (b[23]! << 2) | (b[24]! << 10)) & 0x3fff) };
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (b[0] === 0xff && b[1] === 0xd8) {
    // Walk the JPEG segments to the frame header (SOF0..SOF15, except DHT/JPG/DAC).
    for (let i = 2; i + 9 < b.length; ) {
      if (b[i] !== 0xff) return undefined;
      const marker = b[i + 1]!;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { width: u16be(b, i + 7), height: u16be(b, i + 5) };
      i += 2 + u16be(b, i + 2);
    }
  }
  return undefined;
}

export type ModelImage = { mediaType: string; data: string; note?: string };

/** The image as the model should get it: as-is when it fits, else scaled to 2000 px and re-encoded. */
export async function imageForModel(bytes: Uint8Array, mediaType: string): Promise<ModelImage> {
  const size = imageSize(bytes);
  const fits = bytes.length <= MAX_BYTES && (!size || (size.width <= MAX_EDGE && size.height <= MAX_EDGE));
  if (fits) return { mediaType, data: Buffer.from(bytes).toString("base64") };
  const image = new Bun.Image(bytes, { maxPixels: MAX_PIXELS }).resize(MAX_EDGE, MAX_EDGE, { fit: "inside", withoutEnlargement: true });
  const source = await image.metadata().catch((error: unknown) => refuse(error, bytes.length));
  // PNG keeps transparency and sharp text; JPEG when PNG would still be too big.
  let out = await image.png().bytes().catch((error: unknown) => refuse(error, bytes.length));
  let type = "image/png";
  if (out.length > MAX_BYTES) {
    out = await image.jpeg({ quality: 80 }).bytes();
    type = "image/jpeg";
  }
  const resized = imageSize(out)!;
  return { mediaType: type, data: Buffer.from(out).toString("base64"), note: `Image resized from ${source.width}x${source.height} to ${resized.width}x${resized.height} to fit the API's limits.` };
}

function refuse(error: unknown, length: number): never {
  const code = (error as { code?: string }).code;
  if (code === "ERR_IMAGE_TOO_MANY_PIXELS") throw new Error(`This image (${length} bytes) has more than ${MAX_PIXELS / 1e6} million pixels, too many to resize here; scale it down first (e.g. with ImageMagick through Bash).`);
  throw new Error(`This image (${length} bytes) could not be decoded: the file is damaged or not in a format it claims.`);
}
