// The Query object's file requests: rewindFiles() (file checkpoints, named by the id of the user
// message whose turn they start), seedReadState() and readFile(). Paths a deny rule covers stay
// out of reach here as they do for the tools.

import { readFile, stat } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import * as v from "valibot";
import { changesSince } from "../../cli/command-session.ts";
import { FileHistory } from "../../fs/file-history.ts";
import { type ControlContext, ControlError, type ControlRequest, fieldsOf } from "./handler.ts";

const RewindRequest = v.object({ user_message_id: v.string("must be a message id"), dry_run: v.optional(v.boolean()) });

/** Files the session's Edit, Write and NotebookEdit calls changed since that message, put back as they were (or, dry, only listed). */
export async function rewindFiles(request: ControlRequest, context: ControlContext) {
  const { user_message_id, dry_run } = fieldsOf(RewindRequest, request);
  const index = context.checkpoints.get(user_message_id);
  if (index === undefined) return { canRewind: false, error: `No file checkpoint found for message ${user_message_id}.` };
  const changes = await changesSince(context.session, index);
  const paths = [...new Set(changes.map((c) => c.path))];
  if (dry_run) return { canRewind: true, filesChanged: paths };
  const rewound = await FileHistory.of(context.session.env.sessionDir).rewind(changes);
  return { canRewind: true, filesChanged: rewound.map((f) => f.path) };
}

/** An absolute path under the session's folder, refused when a deny rule covers it. */
function reachable(path: string, context: ControlContext): string {
  const absolute = isAbsolute(path) ? path : resolve(context.session.env.cwd, path);
  if (!context.canRead(absolute)) throw new ControlError(`${absolute} is denied by a permission rule`);
  return absolute;
}

/** The host showed the model this version of the file (mtime in ms): Edit may change it without a Read. A file changed since is left unread. */
export async function seedReadState(request: ControlRequest, context: ControlContext) {
  const { path, mtime } = fieldsOf(v.object({ path: v.string("must be a path"), mtime: v.number("must be a time in milliseconds") }), request);
  const absolute = reachable(path, context);
  const info = await stat(absolute).catch(() => undefined);
  if (info && Math.floor(info.mtimeMs) === Math.floor(mtime)) context.session.env.files.record(absolute, await readFile(absolute), info.mtimeMs);
  return {};
}

const ReadRequest = v.object({
  path: v.string("must be a path"),
  max_bytes: v.optional(v.pipe(v.number(), v.integer("must be a whole number"), v.minValue(0, "must be 0 or more"))),
  encoding: v.optional(v.picklist(["utf-8", "base64"], "must be utf-8 or base64")),
});

export async function readFileRequest(request: ControlRequest, context: ControlContext) {
  const { path, max_bytes, encoding } = fieldsOf(ReadRequest, request);
  const absPath = reachable(path, context);
  const bytes = await readFile(absPath).catch((error: NodeJS.ErrnoException) => {
    throw new ControlError(error.code === "ENOENT" ? `no such file: ${absPath}` : error.message);
  });
  const kept = max_bytes === undefined ? bytes : bytes.subarray(0, max_bytes);
  const truncated = kept.length < bytes.length;
  if (encoding === "base64") return { contents: Buffer.from(kept).toString("base64"), absPath, encoding: "base64", ...(truncated ? { truncated } : {}) };
  return { contents: new TextDecoder().decode(kept), absPath, ...(truncated ? { truncated } : {}) };
}
