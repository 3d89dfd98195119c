/**
 * The transports the client suites run against: `auto` (go-heavy's HTTP/1.1 client for these
 * `http:` test servers) and `undici` (the path `https:` origins take, forced for `http:`).
 */
export const TRANSPORTS = ['auto', 'undici'] as const;
