// The sandbox's filtering proxy, spoken to over its Unix sockets as the relay does, with real
// servers on 127.0.0.1 standing in for hosts: allowed ones are reached by HTTP, CONNECT and
// SOCKS5, others are refused and remembered.
import { afterAll, describe, expect, test } from "bun:test";
import { connect } from "node:net";
import { domainProblem } from "../../src/sandbox/domains.ts";
import { NetworkProxy } from "../../src/sandbox/proxy.ts";

const origin = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (request) => new Response(`hello from ${new URL(request.url).pathname}`) });
const port = origin.port!;
const proxy = await NetworkProxy.start(() => ({ allowed: ["localhost"], denied: [] }));
afterAll(() => {
  origin.stop(true);
  proxy.stop();
});

/** Sends `chunks` one after another over the socket and returns everything read until it closes. */
function talk(socket: string, chunks: Array<string | Buffer>, settle = (_: Buffer) => false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const c = connect(socket);
    let got: Buffer = Buffer.alloc(0);
    let i = 0;
    const next = () => i < chunks.length && c.write(chunks[i++]!);
    c.on("connect", next);
    c.on("data", (d: Buffer) => {
      got = Buffer.concat([got, d]);
      if (settle(got)) return c.end();
      next();
    });
    c.on("end", () => resolve(got));
    c.on("error", reject);
  });
}

const done = (text: string) => (got: Buffer) => got.toString().includes(text);

describe("HTTP proxy", () => {
  test("an absolute URL to an allowed host is forwarded with its path", async () => {
    const got = await talk(proxy.httpSocket, [`GET http://localhost:${port}/a?b=1 HTTP/1.1\r\nHost: localhost:${port}\r\nProxy-Connection: keep-alive\r\nConnection: close\r\n\r\n`]);
    expect(got.toString()).toStartWith("HTTP/1.1 200");
    expect(got.toString()).toContain("hello from /a");
  });

  test("CONNECT to an allowed host opens a tunnel", async () => {
    const got = await talk(proxy.httpSocket, [`CONNECT localhost:${port} HTTP/1.1\r\nHost: localhost:${port}\r\n\r\n`, `GET /tunnel HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`]);
    expect(got.toString()).toStartWith("HTTP/1.1 200 Connection Established");
    expect(got.toString()).toContain("hello from /tunnel");
  });

  test("another host gets 403 naming the setting, and is remembered", async () => {
    const before = proxy.blocked.length;
    const plain = await talk(proxy.httpSocket, [`GET http://127.0.0.1:${port}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`]);
    expect(plain.toString()).toStartWith("HTTP/1.1 403 Forbidden");
    expect(plain.toString()).toContain("blocked by the nanocode sandbox: 127.0.0.1 is not in sandbox.network.allowedDomains");
    const tunnel = await talk(proxy.httpSocket, [`CONNECT evil.test:443 HTTP/1.1\r\n\r\n`]);
    expect(tunnel.toString()).toStartWith("HTTP/1.1 403");
    expect(proxy.blocked.slice(before)).toEqual(["127.0.0.1", "evil.test"]);
  });

  test("a request that is no proxy request is refused", async () => {
    expect((await talk(proxy.httpSocket, ["GET /relative HTTP/1.1\r\n\r\n"])).toString()).toStartWith("HTTP/1.1 400");
    expect((await talk(proxy.httpSocket, ["GET ftp://localhost/x HTTP/1.1\r\n\r\n"])).toString()).toStartWith("HTTP/1.1 400");
  });
});

describe("SOCKS5 proxy", () => {
  const greeting = Buffer.from([5, 1, 0]);
  const byName = (host: string, p: number) => Buffer.concat([Buffer.from([5, 1, 0, 3, host.length]), Buffer.from(host), Buffer.from([p >> 8, p & 255])]);
  const byAddress = (p: number) => Buffer.from([5, 1, 0, 1, 127, 0, 0, 1, p >> 8, p & 255]);

  test("a connection to an allowed host by name goes through", async () => {
    const got = await talk(proxy.socksSocket, [greeting, byName("localhost", port), `GET /socks HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`], done("hello from /socks"));
    expect([...got.subarray(0, 4)]).toEqual([5, 0, 5, 0]);
    expect(got.toString()).toContain("hello from /socks");
  });

  test("an address nobody allowed is refused with 'not allowed by ruleset'", async () => {
    const got = await talk(proxy.socksSocket, [greeting, byAddress(port)]);
    expect([...got.subarray(0, 4)]).toEqual([5, 0, 5, 2]);
    expect(proxy.blocked).toContain("127.0.0.1");
  });
});

describe("allowed domains", () => {
  const net = (allowed: string[], denied: string[] = []) => ({ allowed, denied });
  test("a name is that host; *. is any host below it, not the domain itself", () => {
    expect(domainProblem("github.com", 443, net(["github.com"]))).toBeUndefined();
    expect(domainProblem("GitHub.COM.", 443, net(["github.com"]))).toBeUndefined();
    expect(domainProblem("api.github.com", 443, net(["github.com"]))).toBe("api.github.com is not in sandbox.network.allowedDomains");
    expect(domainProblem("api.github.com", 443, net(["*.github.com"]))).toBeUndefined();
    expect(domainProblem("a.b.github.com", 443, net(["*.github.com"]))).toBeUndefined();
    expect(domainProblem("github.com", 443, net(["*.github.com"]))).toBeDefined();
    expect(domainProblem("evilgithub.com", 443, net(["*.github.com"]))).toBeDefined();
  });
  test("a port limits an entry; IPv6 addresses keep their colons", () => {
    expect(domainProblem("localhost", 8080, net(["localhost:8080"]))).toBeUndefined();
    expect(domainProblem("localhost", 8081, net(["localhost:8080"]))).toBeDefined();
    expect(domainProblem("::1", 80, net(["::1"]))).toBeUndefined();
    expect(domainProblem("::1", 80, net(["[::1]:80"]))).toBeUndefined();
    expect(domainProblem("::1", 81, net(["[::1]:80"]))).toBeDefined();
  });
  test("denied domains win", () => {
    expect(domainProblem("x.example.com", 443, net(["*.example.com"], ["x.example.com"]))).toBe("x.example.com is in sandbox.network.deniedDomains (x.example.com)");
    expect(domainProblem("anything", 1, net([]))).toBeDefined();
  });
});
