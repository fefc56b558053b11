import type { ToolContext } from "../registry/define.ts";
import { atomicWrite } from "./atomic-write.ts";
import { FileHistory } from "./file-history.ts";
import { fsErrorText } from "./fs-error.ts";

/**
 * How Edit, Write and NotebookEdit put a file on disk: the previous content goes into the undo
 * history first, the write is atomic, and the session then knows the file as it is now (the model
 * wrote it, so it need not Read it back).
 */
export async function saveFile(ctx: Pick<ToolContext, "files" | "sessionDir" | "toolUseId">, path: string, data: Uint8Array, before: Uint8Array | null): Promise<void> {
  await FileHistory.of(ctx.sessionDir)
    .record({ path, toolUseId: ctx.toolUseId, before, after: data })
    .catch((error: unknown) => {
      const cause = fsErrorText(error);
      throw cause ? new Error(`cannot write ${path}: its undo copy could not be kept (${cause}); the file was left as it was`) : error;
    });
  const mtime = await atomicWrite(path, data);
  ctx.files.record(path, data, mtime);
}
