// PDFs for the model: the API reads PDF document blocks itself (text and page images), up to 100
// pages and 32 MB. A page range is cut out with pdf-lib (pure JavaScript, imported only then).

const MAX_PAGES_PER_READ = 20;
const MAX_PAGES = 100;
const MAX_BYTES = 32 * 1024 * 1024;

/** "3", "1-5", "10-20" → zero-based page indexes; errors say what a valid range is. */
export function parsePages(pages: string, count: number): number[] {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(pages);
  if (!m) throw new Error(`Invalid pages "${pages}": use a page number or a range such as "1-5".`);
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  if (first < 1 || last < first) throw new Error(`Invalid pages "${pages}": pages are numbered from 1 and a range goes upwards.`);
  if (first > count) throw new Error(`The PDF has ${count} pages; page ${first} does not exist.`);
  if (last - first + 1 > MAX_PAGES_PER_READ) throw new Error(`At most ${MAX_PAGES_PER_READ} pages per read; asked for ${last - first + 1}.`);
  return Array.from({ length: Math.min(last, count) - first + 1 }, (_, i) => first - 1 + i);
}

export type ModelPdf = { data: string; pages: number; note: string };

export async function pdfForModel(bytes: Uint8Array, pages: string | undefined): Promise<ModelPdf> {
  const { PDFDocument } = await import("pdf-lib");
  const source = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  const count = source.getPageCount();
  if (pages === undefined) {
    if (count > MAX_PAGES || bytes.length > MAX_BYTES) {
      throw new Error(`This PDF has ${count} pages (${(bytes.length / 1024 / 1024).toFixed(1)} MB), more than can be read at once: give pages, e.g. "1-${MAX_PAGES_PER_READ}".`);
    }
    return { data: Buffer.from(bytes).toString("base64"), pages: count, note: `PDF, ${count} page${count === 1 ? "" : "s"}.` };
  }
  const wanted = parsePages(pages, count);
  const out = await PDFDocument.create();
  for (const page of await out.copyPages(source, wanted)) out.addPage(page);
  const first = wanted[0]! + 1;
  const last = wanted.at(-1)! + 1;
  return { data: Buffer.from(await out.save()).toString("base64"), pages: wanted.length, note: `PDF pages ${first === last ? first : `${first}-${last}`} of ${count}.` };
}
