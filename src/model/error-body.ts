// What a server's answer says when it is not the API speaking: the body of an error response, or a
// 200 that is no event stream. Gateways, proxies and wrong base URLs answer with HTML pages and
// plain text; the user gets one line naming what came back, never the page itself.

import { ProviderError } from "./provider.ts";

const HTML = /^\s*<(!doctype\s+html|html|head|body)\b/i;

/**
 * One line for an error response's body: the message of a JSON error (`{"error":{"message"}}`,
 * `{"error":"…"}`, `{"message"}`, `{"detail"}`), the title of an HTML page, or the first line of
 * text; `fallback` when there is nothing. A status the title repeats ("502 Bad Gateway") is left
 * to the caller, which shows the status anyway.
 */
export function bodyMessage(body: string, status: number | undefined, fallback: string): string {
  const text = body.trim();
  if (HTML.test(text)) {
    const title = (/<title[^>]*>([^<]*)</i.exec(text) ?? /<h1[^>]*>([^<]*)</i.exec(text))?.[1]?.trim().replace(new RegExp(`^${status ?? ""}\\s*`), "");
    return `${title || fallback} (an HTML page, not an API answer: a proxy in the way, or a wrong base URL?)`;
  }
  try {
    const json = JSON.parse(text) as { error?: { message?: string } | string; message?: string; detail?: string };
    const found = typeof json.error === "string" ? json.error : (json.error?.message ?? json.message ?? json.detail);
    if (typeof found === "string") return found;
  } catch {}
  const line = text.split("\n")[0]!.trim();
  return line ? line.slice(0, 300) : fallback;
}

/**
 * A 200 answer to a streaming request that is an HTML page or a JSON body (a login page, a server
 * that ignores `stream: true`): the error saying so, instead of an empty stream reported as a
 * broken connection and retried.
 */
export async function notAStream(response: Response, endpoint: string): Promise<ProviderError | undefined> {
  const type = response.headers.get("content-type")?.split(";")[0]?.trim() ?? "";
  if (type !== "text/html" && type !== "application/json") return undefined;
  const body = await response.text().catch(() => "");
  return new ProviderError("bad_response", `${endpoint} answered with ${type}, not an event stream: ${bodyMessage(body, undefined, "empty body")}`);
}
