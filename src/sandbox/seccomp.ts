// A seccomp filter for bubblewrap (--seccomp): creating a Unix socket fails with EPERM inside the
// sandbox. The file system is read-only there, but connecting to a socket file needs no write:
// without the filter a command could reach Docker's socket, the D-Bus buses or an SSH agent and
// act outside the sandbox. io_uring, which can make sockets past seccomp, is refused too, and so
// is every call of another ABI (32-bit or x32), whose numbers the filter does not check.

const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JSET_K = 0x45;
const RET_K = 0x06;
const ALLOW = 0x7fff0000;
const EPERM = 0x00050000 | 1;
const X32_BIT = 0x40000000;
const AF_UNIX = 1;
const IO_URING_SETUP = 425;

const ARCHES: Partial<Record<string, { audit: number; socket: number; seccomp: number }>> = {
  x64: { audit: 0xc000003e, socket: 41, seccomp: 317 },
  arm64: { audit: 0xc00000b7, socket: 198, seccomp: 277 },
};

/** struct sock_filter: code, jump if true, jump if false (relative), k. */
function instruction(code: number, jt: number, jf: number, k: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt16LE(code, 0);
  b.writeUInt8(jt, 2);
  b.writeUInt8(jf, 3);
  b.writeUInt32LE(k >>> 0, 4);
  return b;
}

/** The filter program for this CPU, or undefined where nanocode has no syscall numbers for it. */
export function unixSocketFilter(arch: string = process.arch): Buffer | undefined {
  const known = ARCHES[arch];
  if (!known) return undefined;
  return Buffer.concat([
    instruction(LD_W_ABS, 0, 0, 4), // 0: the calling ABI
    instruction(JEQ_K, 1, 0, known.audit), // 1: native: go on to 3
    instruction(RET_K, 0, 0, EPERM), // 2
    instruction(LD_W_ABS, 0, 0, 0), // 3: the system call number
    instruction(JSET_K, 5, 0, X32_BIT), // 4: x32: refused (10)
    instruction(JEQ_K, 4, 0, IO_URING_SETUP), // 5: refused (10)
    instruction(JEQ_K, 0, 2, known.socket), // 6: socket(): look at its domain, else allowed (9)
    instruction(LD_W_ABS, 0, 0, 16), // 7: the domain, socket()'s first argument
    instruction(JEQ_K, 1, 0, AF_UNIX), // 8: AF_UNIX: refused (10)
    instruction(RET_K, 0, 0, ALLOW), // 9
    instruction(RET_K, 0, 0, EPERM), // 10
  ]);
}

const PR_SET_NO_NEW_PRIVS = 38;
const SECCOMP_SET_MODE_FILTER = 1;
const SECCOMP_FILTER_FLAG_TSYNC = 1;

/**
 * Puts the filter on this process, every thread of it, and what it starts from now on (the relay
 * does, once its own sockets are open, before it runs the command). False where it cannot.
 */
export function filterThisProcess(): boolean {
  const program = unixSocketFilter();
  const known = ARCHES[process.arch];
  if (!program || !known) return false;
  // Loaded here only: the relay is the one process that needs it.
  const { dlopen, FFIType, ptr } = require("bun:ffi") as typeof import("bun:ffi");
  const symbols = {
    prctl: { args: [FFIType.i32, FFIType.u64, FFIType.u64, FFIType.u64, FFIType.u64], returns: FFIType.i32 },
    syscall: { args: [FFIType.i64, FFIType.i64, FFIType.i64, FFIType.ptr], returns: FFIType.i64 },
  } as const;
  let libc: ReturnType<typeof dlopen<typeof symbols>>;
  try {
    libc = dlopen("libc.so.6", symbols);
  } catch {
    // Not glibc (musl names it differently): the relay then refuses to run the command.
    return false;
  }
  // struct sock_fprog: the instruction count, then (aligned) a pointer to them.
  const fprog = Buffer.alloc(16);
  fprog.writeUInt16LE(program.length / 8, 0);
  fprog.writeBigUInt64LE(BigInt(ptr(program)), 8);
  if (libc.symbols.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) !== 0) return false;
  return Number(libc.symbols.syscall(known.seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, ptr(fprog))) === 0;
}
