import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The largest form body the UI reads: its forms are a few hundred bytes. */
const BODY_LIMIT = 64 * 1024;

/** A new session token: 32 random bytes as hex, made once per `go-heavy ui` process. */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/** Why a state-changing request was refused, or undefined when it may go on. */
export type Refusal = { status: 403 | 413 | 415; reason: string };

/** A checked POST: its form fields (empty when it sent none). */
export interface CheckedPost {
  form: URLSearchParams;
}

/**
 * Reads and checks a state-changing request (every one is a POST): its `Origin`, when the
 * browser sends one, must be this server's own (`http://<Host>`), and it must carry the
 * session's token, as the form field `token` or the `x-go-heavy-token` header. A page of another
 * site can neither read the token (same-origin policy) nor pass the Origin check, so it cannot
 * start or stop a run, even through a DNS name rebound to this machine. The body must be an
 * URL-encoded form of at most 64 KiB (or empty).
 */
export async function checkPost(req: IncomingMessage, token: string): Promise<CheckedPost | Refusal> {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) {
    req.resume();
    return { status: 403, reason: `Forbidden: a request from ${origin} may not change anything here: only this UI's own pages may` };
  }
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (type !== '' && type !== 'application/x-www-form-urlencoded' && type !== 'text/plain') {
    req.resume();
    return { status: 415, reason: `Unsupported Media Type: expected a form (application/x-www-form-urlencoded), got ${type}` };
  }
  const body = await readBody(req);
  if (body === undefined) return { status: 413, reason: 'Payload Too Large: a form of at most 64 KiB' };
  const form = new URLSearchParams(type === 'application/x-www-form-urlencoded' ? body : '');
  const header = req.headers['x-go-heavy-token'];
  const given = form.get('token') ?? (typeof header === 'string' ? header : '');
  if (!sameToken(given, token)) return { status: 403, reason: "Forbidden: this request lacks the UI's session token: send it from the UI's own pages (reload them if the UI was restarted)" };
  return { form };
}

/** Whether the request was refused. */
export function isRefusal(checked: CheckedPost | Refusal): checked is Refusal {
  return 'status' in checked;
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The body as text, or undefined past {@link BODY_LIMIT} (the rest is drained, not kept). */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > BODY_LIMIT ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
