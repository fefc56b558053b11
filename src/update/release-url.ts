/** Where releases live (archives, SHA256SUMS, VERSION, install.sh); `NANOCODE_RELEASE_URL` overrides it. */
export const DEFAULT_RELEASE_URL = "https://github.com/nanocode-dev/nanocode/releases/latest/download";
