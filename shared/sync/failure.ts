// How the sync engine reads the server's answers: a body, or a SyncFailure saying what went wrong, whether it is like
// being offline, and which event of a batch it names.
import { apiErrorSchema } from './protocol';
import type { SyncTransport, TransportRequest, TransportResponse } from './ports';
import type { SyncError } from './status';

export class SyncFailure extends Error {
  constructor(readonly info: SyncError, readonly offline: boolean, readonly index?: number) {
    super(info.message);
  }
}

/** Errors after which retrying cannot help until the user reconnects (join again). */
export const FATAL_CODES = new Set(['unauthorized', 'forbidden_workspace', 'key_conflict']);

/** The server's answer to a push over its body limit (413). */
export const TOO_LARGE = 'body_too_large';

/** The answer to a request over the server's body limit. */
export function isTooLarge(err: unknown): err is SyncFailure {
  // A proxy in front may answer 413 in its own words (http_413): the same meaning.
  return err instanceof SyncFailure && (err.info.code === TOO_LARGE || err.info.code === 'http_413');
}

/** The server answered and refused, for a reason that neither means offline nor ends syncing: the round goes on. */
export function isRefusal(err: unknown): err is SyncFailure {
  return err instanceof SyncFailure && !err.offline && !FATAL_CODES.has(err.info.code);
}

/** A 2xx whose body is not what the protocol says (`what`: the request, e.g. "push"). */
export function badResponse(what: string): SyncFailure {
  return new SyncFailure({ code: 'bad_response', message: `${what}: unexpected response from server` }, false);
}

/** One request: the body of a 2xx, else a SyncFailure (offline when the network failed or a proxy answered 502/503/504). */
export async function callServer(transport: SyncTransport, req: TransportRequest): Promise<unknown> {
  let res: TransportResponse;
  try {
    res = await transport.request(req);
  } catch (err) {
    throw new SyncFailure({ code: 'network', message: err instanceof Error ? err.message : 'network error' }, true);
  }
  if (res.status >= 200 && res.status < 300) return res.body;
  const body = apiErrorSchema.safeParse(res.body);
  const info = body.success ? { code: body.data.error, message: body.data.message } : { code: `http_${res.status}`, message: `server answered ${res.status}` };
  // 502/503/504 come from proxies and restarts: treat like being offline.
  throw new SyncFailure(info, res.status === 502 || res.status === 503 || res.status === 504, body.success ? body.data.index : undefined);
}
