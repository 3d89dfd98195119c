/**
 * Whether a request's `Host` names this server on the loopback (`127.0.0.1:PORT`,
 * `localhost:PORT` or `[::1]:PORT`): the check a server on 127.0.0.1 makes so that a web page
 * of another site, reaching it through a DNS name rebound to 127.0.0.1, gets nothing.
 * Shared by the dashboard and `go-heavy serve`.
 */
export function isLoopbackHost(hostHeader: string | undefined, port: number | undefined): boolean {
  if (hostHeader === undefined || port === undefined) return false;
  const host = hostHeader.toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}
