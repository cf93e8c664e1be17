/**
 * Where the tree runs: directories and the addresses it listens on. The
 * defaults are the platform's RADIUS servers (Debian's freeradius package,
 * started by its systemd unit as user freerad); tests and labs pass their own.
 */
export interface RadiusRuntime {
  /** The directory the tree is installed in, passed to freeradius with -d. */
  readonly configDir: string;
  readonly logDir: string;
  /** For the pid file; Debian's unit creates /run/freeradius for user freerad. */
  readonly runDir: string;
  /** Address to listen on; "*" is every address of the server. */
  readonly listenAddress: string;
  readonly authPort: number;
  readonly acctPort: number;
}

export const SERVER_RUNTIME: RadiusRuntime = {
  configDir: "/etc/freeradius/grunnmur",
  logDir: "/var/log/freeradius",
  runDir: "/run/freeradius",
  listenAddress: "*",
  authPort: 1812,
  acctPort: 1813,
};

/** Names of the auth log files, shared by the linelog module and log rotation. */
export const AUTH_LOG_FILE = "eduroam-auth.log";
export const ACCOUNTING_LOG_FILE = "eduroam-accounting.log";
