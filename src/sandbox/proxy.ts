// The filtering proxy a sandboxed command's network goes through. It runs in nanocode, outside the
// sandbox: on Linux on Unix sockets the sandbox sees (the command's own network namespace has
// only loopback, where ./relay.ts forwards to them), on macOS on loopback ports the Seatbelt
// profile lets the command reach. HTTP requests and CONNECT tunnels are judged by
// host, SOCKS5 connections (any TCP) by the address asked for; a refused host is remembered, so
// the call that tried can say what to add to allowedDomains.

import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { domainProblem } from "./domains.ts";
import { KIND } from "./relay.ts";

const MAX_HEAD = 64 * 1024;

export type ProxyPolicy = () => { allowed: string[]; denied: string[] };

export class NetworkProxy {
  readonly dir: string;
  readonly httpSocket: string;
  readonly socksSocket: string;
  /** Where a relay asks for connections in (see ./relay.ts). */
  readonly controlSocket: string;
  /** Hosts refused so far, in order (each call looks at what was added while it ran). */
  readonly blocked: string[] = [];
  /** On loopback (macOS): the ports listened on. */
  readonly ports = { http: 0, socks: 0 };
  private readonly servers: Server[] = [];

  private constructor(private readonly policy: ProxyPolicy) {
    this.dir = mkdtempSync(join(tmpdir(), "nanocode-proxy-"));
    this.httpSocket = join(this.dir, "http.sock");
    this.socksSocket = join(this.dir, "socks.sock");
    this.controlSocket = join(this.dir, "control.sock");
  }

  /** `loopback`: on 127.0.0.1 ports (see `ports`) instead of the Unix sockets. */
  static async start(policy: ProxyPolicy, loopback = false): Promise<NetworkProxy> {
    const proxy = new NetworkProxy(policy);
    [proxy.ports.http, proxy.ports.socks] = await Promise.all([proxy.listen(loopback ? 0 : proxy.httpSocket, (c) => proxy.http(c)), proxy.listen(loopback ? 0 : proxy.socksSocket, (c) => proxy.socks(c))]);
    if (!loopback) await proxy.listen(proxy.controlSocket, (c) => proxy.control(c));
    process.on("exit", () => proxy.stop());
    return proxy;
  }

  stop(): void {
    for (const server of this.servers) server.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Listens on a Unix socket, or on a free loopback port (`0`); resolves with the port (0 for a socket). */
  private listen(where: string | 0, handle: (client: Socket) => void): Promise<number> {
    const server = createServer((client) => {
      client.on("error", () => client.destroy());
      handle(client);
    });
    this.servers.push(server);
    server.unref();
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      const done = () => resolve((server.address() as { port?: number } | null)?.port ?? 0);
      if (where === 0) server.listen(0, "127.0.0.1", done);
      else server.listen(where, done);
    });
  }

  private refused(host: string, port: number): string | undefined {
    const problem = domainProblem(host, port, this.policy());
    if (problem && !this.blocked.includes(host)) this.blocked.push(host);
    return problem;
  }

  /**
   * A relay's control connection: its first line is the relay's own socket; each later line (a
   * KIND) asks for one connection in to it, served as an HTTP or a SOCKS client.
   */
  private control(relay: Socket): void {
    let buffered = "";
    let own: string | undefined;
    relay.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("latin1");
      for (let end = buffered.indexOf("\n"); end !== -1; end = buffered.indexOf("\n")) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        if (own === undefined) own = line;
        else if (line === KIND.http || line === KIND.socks) this.connectIn(own, line);
      }
    });
  }

  private connectIn(path: string, kind: string): void {
    const link = connect(path);
    link.on("error", () => link.destroy());
    link.once("connect", () => {
      link.write(kind);
      if (kind === KIND.http) this.http(link);
      else this.socks(link);
    });
  }

  /** An HTTP proxy request: CONNECT host:port, or a request with an absolute URL. */
  private http(client: Socket): void {
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end === -1) {
        if (head.length > MAX_HEAD) client.end("HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n");
        return;
      }
      client.off("data", onData);
      client.pause();
      const lines = head.subarray(0, end).toString("latin1").split("\r\n");
      const rest = head.subarray(end + 4);
      const [method = "", target = ""] = lines[0]!.split(" ");
      const where = method === "CONNECT" ? hostPort(target, 443) : absoluteTarget(target);
      if (!where) return void client.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\nnanocode's sandbox proxy takes CONNECT host:port or absolute http:// URLs\n");
      const problem = this.refused(where.host, where.port);
      if (problem) return void client.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nblocked by the nanocode sandbox: ${problem}\n`);
      const upstream = connect(where.port, where.host);
      upstream.once("connect", () => {
        if (method === "CONNECT") client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        else {
          // The origin gets the request as a server expects it: the path alone, no proxy headers.
          const kept = lines.slice(1).filter((line) => !/^proxy-(connection|authorization):/i.test(line));
          upstream.write(`${method} ${where.path} ${lines[0]!.split(" ")[2] ?? "HTTP/1.1"}\r\n${kept.join("\r\n")}\r\n\r\n`);
        }
        if (rest.length > 0) upstream.write(rest);
        splice(client, upstream);
      });
      upstream.once("error", (error) => client.end(`HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n${error.message}\n`));
    };
    client.on("data", onData);
  }

  /** SOCKS5 without authentication, CONNECT only (RFC 1928). */
  private socks(client: Socket): void {
    let buffer = Buffer.alloc(0);
    let greeted = false;
    const reply = (code: number) => Buffer.from([5, code, 0, 1, 0, 0, 0, 0, 0, 0]);
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!greeted) {
        if (buffer.length < 2 || buffer.length < 2 + buffer[1]!) return;
        if (buffer[0] !== 5) return void client.destroy();
        buffer = buffer.subarray(2 + buffer[1]!);
        greeted = true;
        client.write(Buffer.from([5, 0]));
      }
      const request = socksRequest(buffer);
      if (request === "more") return;
      client.off("data", onData);
      if (request === "bad") return void client.end(reply(7));
      client.pause();
      if (this.refused(request.host, request.port)) return void client.end(reply(2));
      const upstream = connect(request.port, request.host);
      upstream.once("connect", () => {
        client.write(reply(0));
        if (request.rest.length > 0) upstream.write(request.rest);
        splice(client, upstream);
      });
      upstream.once("error", () => client.end(reply(5)));
    };
    client.on("data", onData);
  }
}

function splice(a: Socket, b: Socket): void {
  b.on("error", () => a.destroy());
  a.on("error", () => b.destroy());
  a.pipe(b);
  b.pipe(a);
  a.resume();
}

function hostPort(text: string, defaultPort: number): { host: string; port: number; path: string } | undefined {
  const match = /^(\[[^\]]+\]|[^:/]+)(?::(\d+))?$/.exec(text);
  if (!match) return undefined;
  return { host: match[1]!.replace(/^\[(.*)\]$/, "$1"), port: match[2] ? Number(match[2]) : defaultPort, path: "/" };
}

function absoluteTarget(target: string): { host: string; port: number; path: string } | undefined {
  try {
    const url = new URL(target);
    if (url.protocol !== "http:") return undefined;
    return { host: url.hostname.replace(/^\[(.*)\]$/, "$1"), port: Number(url.port || 80), path: `${url.pathname}${url.search}` };
  } catch {
    return undefined;
  }
}

/** A SOCKS5 CONNECT request at the start of `data`: its address, or "more" to wait, or "bad". */
function socksRequest(data: Buffer): { host: string; port: number; rest: Buffer } | "more" | "bad" {
  if (data.length < 5) return "more";
  if (data[0] !== 5 || data[1] !== 1) return "bad";
  const type = data[3];
  let host: string;
  let at: number;
  if (type === 1) {
    if (data.length < 10) return "more";
    host = [...data.subarray(4, 8)].join(".");
    at = 8;
  } else if (type === 3) {
    const length = data[4]!;
    if (data.length < 5 + length + 2) return "more";
    host = data.subarray(5, 5 + length).toString("latin1");
    at = 5 + length;
  } else if (type === 4) {
    if (data.length < 22) return "more";
    const words = [];
    for (let i = 4; i < 20; i += 2) words.push(data.readUInt16BE(i).toString(16));
    host = words.join(":");
    at = 20;
  } else return "bad";
  return { host, port: data.readUInt16BE(at), rest: data.subarray(at + 2) };
}
