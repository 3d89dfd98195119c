import type { Argv } from 'yargs';
import type { HttpSettings, RunFlags } from '@go-heavy/config';
import type { HttpClientOptions } from '@go-heavy/http-client';

/** The HTTP client flags of `go-heavy run`, as typed (checked by @go-heavy/config). */
export interface HttpArgs {
  /** `--insecure`: accept any TLS certificate (`--no-insecure` undoes heavy.config.ts's `insecure`). */
  insecure?: boolean;
  /** `--discard-response-bodies`: read bodies to their end without keeping them. */
  'discard-response-bodies'?: boolean;
  /** `--max-response-size 64MB`: the largest body kept. */
  'max-response-size'?: string;
  /** `--max-redirects 10`: redirects followed per request at most. */
  'max-redirects'?: string;
}

/** Declares the HTTP client flags. No defaults here: unset, heavy.config.ts decides. */
export function withHttpOptions<T>(y: Argv<T>): Argv<T & HttpArgs> {
  const group = 'HTTP:';
  return y
    .option('insecure', { type: 'boolean', describe: "Accept any TLS certificate (self-signed, expired, another host's); for test environments [default: false]", group })
    .option('discard-response-bodies', { type: 'boolean', describe: 'Read response bodies to the end but keep none (a request keeps its own with { discardBody: false }) [default: false]', group })
    .option('max-response-size', { type: 'string', describe: 'Largest response body kept, e.g. 64MB, 256MiB; a larger one fails as response-too-large [default: 64MiB]', group })
    .option('max-redirects', {
      type: 'string',
      describe: "Redirects followed per request at most, each hop recorded as a request; 0 follows none (a request's { redirect: 'manual' } returns its 3xx as is) [default: 10]",
      group,
    }) as Argv<T & HttpArgs>;
}

/** The flags as @go-heavy/config reads them. */
export function toHttpFlags(args: HttpArgs): Pick<RunFlags, 'insecure' | 'discardResponseBodies' | 'maxResponseSize' | 'maxRedirects'> {
  return { insecure: args.insecure, discardResponseBodies: args['discard-response-bodies'], maxResponseSize: args['max-response-size'], maxRedirects: args['max-redirects'] };
}

/** The client options of resolved settings (an unset limit leaves the client's default). */
export function httpClientOptions(settings: HttpSettings): Pick<HttpClientOptions, 'insecure' | 'discardResponseBodies' | 'maxResponseBytes' | 'maxRedirects'> {
  const { insecure, discardResponseBodies, maxResponseBytes, maxRedirects } = settings;
  return {
    insecure,
    discardResponseBodies,
    ...(maxResponseBytes === undefined ? {} : { maxResponseBytes }),
    ...(maxRedirects === undefined ? {} : { maxRedirects }),
  };
}
