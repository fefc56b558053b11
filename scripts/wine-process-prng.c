/* bcryptprimitives.dll with the one function Bun's Windows build imports from it, ProcessPrng.
 * Wine 8 (Debian 12's) has no bcryptprimitives.dll, so without this the Windows binary stops
 * before its first line of code. Only scripts/emulators.ts uses it, to smoke-test that binary
 * under Wine; it never ships. ProcessPrng fills the buffer from the system's random generator,
 * which is what RtlGenRandom (SystemFunction036) also does, and always succeeds. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length; /* RtlGenRandom takes a ULONG */
    SystemFunction036(data, chunk);
    data += chunk;
    length -= chunk;
  }
  return TRUE;
}
