/**
 * The largest response header section either transport accepts, so that one response gets one
 * answer whichever carries it: header names and values together must stay under 16 KiB
 * (16 384 bytes), counted as undici counts them (each name, and each value from its first
 * non-blank byte to the end of its line, trailing blanks included; not the status line, the
 * colons or the line ends), and a response that reaches it fails as `other`.
 *
 * 16 KiB rather than more: it is Node's `http.maxHeaderSize` default, which undici and Node's own
 * HTTP client apply, so a service that answers with more would fail its Node callers too; a load
 * test should see that, not hide it. The undici transport is given this number explicitly
 * (`maxHeaderSize`), so a `--max-http-header-size` flag cannot make the two disagree.
 */
export const MAX_HEADER_BYTES = 16 * 1024;
