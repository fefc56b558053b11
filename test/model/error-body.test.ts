import { expect, test } from "bun:test";
import { bodyMessage } from "../../src/model/error-body.ts";

test("an error body becomes one line: the JSON message, an HTML page's title, or the first line of text", () => {
  expect(bodyMessage('{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: too big"}}', 400, "-")).toBe("max_tokens: too big");
  expect(bodyMessage('{"error":"quota exceeded"}', 429, "-")).toBe("quota exceeded");
  expect(bodyMessage('{"detail":"model not found"}', 404, "-")).toBe("model not found");
  expect(bodyMessage("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>", 502, "-")).toBe(
    "Bad Gateway (an HTML page, not an API answer: a proxy in the way, or a wrong base URL?)",
  );
  expect(bodyMessage("<!DOCTYPE html>\n<html><body><h1>Not Found</h1></body></html>", 404, "-")).toBe("Not Found (an HTML page, not an API answer: a proxy in the way, or a wrong base URL?)");
  expect(bodyMessage("upstream connect error\nreset reason: overflow", 503, "-")).toBe("upstream connect error");
  expect(bodyMessage("  ", 500, "Internal Server Error")).toBe("Internal Server Error");
});
