// The file helpers tools get from the `nanocode` module (re-exported whole by src/registry/api.ts).
export { atomicWrite } from "./atomic-write.ts";
export { type Editable, openForChange } from "./editable.ts";
export { type FileChange, FileHistory, type RewoundFile } from "./file-history.ts";
export { FileState, STALE_REFUSAL, UNREAD_REFUSAL } from "./file-state.ts";
export { nearNames } from "./near-names.ts";
export { MAX_RESULT_CHARS, numberedLines } from "./numbered-lines.ts";
export { displayPath, resolvePath } from "./paths.ts";
export { countOf, replaceIn } from "./replace.ts";
export { saveFile } from "./save.ts";
export { decodeText, encodeText, looksBinary, type TextFormat } from "./text-file.ts";
export { cellId, editNotebook, type NotebookEdit, renderNotebook } from "../notebook/notebook.ts";
export { IMAGE_TYPES, imageForModel, imageSize } from "../media/image.ts";
export { parsePages, pdfForModel } from "../media/pdf.ts";
