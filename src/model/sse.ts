// A reader for `text/event-stream` bodies (the WHATWG server-sent events format): enough of it for
// model APIs, which send `event:` and `data:` fields and comments, separated by blank lines.

export type ServerSentEvent = { event: string; data: string };

/** Yields each event of an SSE body as it completes. Lines may end in \n, \r\n or \r. */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = "";
  let event = "";
  let data: string[] = [];
  const dispatch = (): ServerSentEvent | undefined => {
    const ready = data.length > 0 ? { event: event || "message", data: data.join("\n") } : undefined;
    event = "";
    data = [];
    return ready;
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let start = 0;
    while (true) {
      const end = lineEnd(buffer, start);
      if (end === -1) break;
      const line = buffer.slice(start, end);
      // A \r at the very end of the buffer may be the first half of \r\n: wait for the next chunk.
      if (buffer[end] === "\r" && end + 1 === buffer.length) break;
      start = end + (buffer[end] === "\r" && buffer[end + 1] === "\n" ? 2 : 1);
      if (line === "") {
        const ready = dispatch();
        if (ready) yield ready;
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? "" : line.slice(colon + (line[colon + 1] === " " ? 2 : 1));
      if (field === "data") data.push(value);
      else if (field === "event") event = value;
    }
    buffer = buffer.slice(start);
  }
  buffer += decoder.decode();
  // A last event without its blank line still counts: some servers close right after it.
  if (buffer.trim()) {
    for (const line of buffer.split(/\r\n|\r|\n/)) if (line.startsWith("data:")) data.push(line.slice(line[5] === " " ? 6 : 5));
  }
  const last = dispatch();
  if (last) yield last;
}

function lineEnd(s: string, from: number): number {
  for (let i = from; i < s.length; i++) if (s[i] === "\n" || s[i] === "\r") return i;
  return -1;
}
