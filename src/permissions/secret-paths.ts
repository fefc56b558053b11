// Known places of secrets: a read-only shell command that reads one asks even inside the working
// directories, since reading is all a leak needs. Names are matched per path segment, so a
// folder or file is caught wherever it lies (a project's own `.env`, a symlink to ~/.ssh).

// Folders whose every file is a key, token or password store.
const SECRET_FOLDERS = new Map(Object.entries({
  ".ssh": "ssh keys and config",
  ".gnupg": "gpg keys",
  ".aws": "AWS credentials",
  ".azure": "Azure credentials",
  ".kube": "Kubernetes credentials",
  ".password-store": "a password store",
  ".docker": "Docker registry credentials",
  keychains: "a keychain",
  keyrings: "a keyring",
  kwalletd: "a wallet",
}));

// Folders below ~/.config (and elsewhere) that hold credentials: the segment after `.config`.
const SECRET_CONFIG = new Map(Object.entries({ gcloud: "Google Cloud credentials", gh: "GitHub CLI tokens", hub: "GitHub tokens", rclone: "cloud storage credentials" }));

// Files that hold credentials whatever folder they are in.
const SECRET_FILES = new Map(Object.entries({
  ".npmrc": "npm tokens",
  ".pypirc": "PyPI tokens",
  ".netrc": "login credentials",
  _netrc: "login credentials",
  ".git-credentials": "git credentials",
  ".pgpass": "database passwords",
  ".my.cnf": "database passwords",
  ".vault-token": "a Vault token",
  ".s3cfg": "S3 credentials",
  ".boto": "cloud credentials",
  ".envrc": "environment variables, often secrets",
  "credentials.tfrc.json": "Terraform tokens",
}));

// File names by pattern: private keys and certificates, `.env` files (not their committed
// templates), shell and REPL histories (commands typed with tokens in them).
const SECRET_NAMES: Array<[RegExp, string]> = [
  [/^id_(rsa|dsa|ecdsa|ed25519)(_sk)?(\.|$)|^ssh_host_.*key/, "an ssh key"],
  [/\.(pem|key|p12|pfx|jks|keystore|ppk|gpg|asc)$/, "a key or certificate file"],
  [/^\.env(\.(?!(example|sample|template)$).+)?$/, "environment variables, often secrets"],
  [/^\..*(history|hst)$|^fish_history$|^\.histfile$/, "a shell or REPL history"],
  [/^credentials(\.toml|\.json)?$/, "stored credentials"],
];

// What a process exposes about itself (its environment and memory), and the password hashes.
// /proc/*/cmdline is left out: `ps aux` shows the same to anyone.
const SYSTEM_SECRET = /^\/proc\/[^/]+(\/task\/[^/]+)?\/(environ|mem)$|^\/etc\/g?shadow-?$/;

/** Why reading this path (absolute) reads a secret, or undefined. */
export function secretReason(path: string): string | undefined {
  if (SYSTEM_SECRET.test(path)) return path.startsWith("/proc") ? "a process's environment or memory" : "password hashes";
  // `HEAD:.env` is git's name for a committed file.
  const segments = path.split("/").flatMap((s) => s.split(":")).filter(Boolean);
  for (const [i, raw] of segments.entries()) {
    const segment = raw.toLowerCase();
    const why = SECRET_FOLDERS.get(segment) ?? SECRET_FILES.get(segment) ?? SECRET_NAMES.find(([pattern]) => pattern.test(segment))?.[1];
    if (why) return why;
    if (segment === ".config" && segments[i + 1]) {
      const config = SECRET_CONFIG.get(segments[i + 1]!.toLowerCase());
      if (config) return config;
    }
  }
  return undefined;
}
