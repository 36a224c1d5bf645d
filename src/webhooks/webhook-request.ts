// One POST to a receiver, on a connection to an address already checked (targets.ts): Node's
// http.request with a `lookup` that hands out only those addresses, so the socket cannot go
// anywhere a second DNS answer would send it. TLS still checks the certificate against the
// URL's host name. Redirects are not followed (http.request never does), a connection is used
// once (no pool holding sockets to addresses checked long ago), and of the answer only the
// status is kept, with the start of the body when it is not a 2xx (what the receiver said was
// wrong): a 2xx body is of no use to an admin, and a big one must not be read at all.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pinnedLookup, type ResolvedAddress } from './targets.js';

/** How much of a non-2xx answer is kept, in bytes. */
export const RESPONSE_KEPT_BYTES = 256;

export interface Answer {
  status: number;
  /** The first RESPONSE_KEPT_BYTES of a non-2xx answer's body; null for a 2xx. */
  body: string | null;
}

/** Resolves with the answer, or rejects with the socket's error (ECONNREFUSED…) or the signal's reason. */
export function postTo(url: URL, addresses: ResolvedAddress[], headers: Record<string, string>, body: string, signal: AbortSignal): Promise<Answer> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Answer>((resolve, reject) => {
    const request = send(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: pinnedLookup(addresses), agent: false, signal },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          response.destroy();
          resolve({ status, body: null });
        } else void bodyStart(response).then((text) => resolve({ status, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** The first RESPONSE_KEPT_BYTES of the body, read no further; a body cut off or too slow gives what came. */
async function bodyStart(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= RESPONSE_KEPT_BYTES) break;
    }
  } catch {
    // What came is enough.
  } finally {
    response.destroy();
  }
  // A stream decoder holds back a character cut in half at the limit instead of mangling it.
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks).subarray(0, RESPONSE_KEPT_BYTES), { stream: true });
}
