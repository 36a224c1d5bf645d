// Where webhooks may go. An admin registers a URL and Cohort POSTs to it from inside the shop's
// network, so by default Cohort refuses private and special addresses (loopback, RFC 1918,
// link-local with the cloud metadata service, unique local, CGNAT, multicast, reserved…, the
// IPv4-mapped forms of all of them) and the server's own addresses, unless
// COHORT_WEBHOOK_ALLOWED_HOSTS names them. A URL is checked when it is registered (its host
// name resolved with DNS), and every try resolves it again and connects only to the addresses
// it checked, so a name that starts pointing inside (DNS rebinding) is refused, never reached.
//
// Addresses are classified by ipaddr.js (maintained, no dependencies, used by Express's
// proxy-addr): it knows the IANA special-purpose ranges of both families, parses every IPv6 form
// and unwraps IPv4-mapped ones; a hand-written list of prefixes is easy to get subtly wrong.
import { lookup as lookupAll } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { networkInterfaces } from 'node:os';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** COHORT_WEBHOOK_ALLOWED_HOSTS, parsed: host names (whatever they resolve to), addresses and ranges. */
export interface AllowList {
  names: ReadonlySet<string>;
  ranges: readonly [Address, number][];
}

/**
 * What the checks use: the allow-list, how a host name is resolved (every address, as
 * `dns.lookup` with `all: true` gives them; tests give their own), and the server's own addresses.
 */
export interface TargetPolicy {
  allowed: AllowList;
  resolve: (hostname: string) => Promise<ResolvedAddress[]>;
  ownAddresses: () => string[];
}

export const NOTHING_ALLOWED: AllowList = { names: new Set(), ranges: [] };

/** The policy of a process: the system's resolver and the machine's network interfaces. */
export function targetPolicy(allowed: AllowList, resolve: TargetPolicy['resolve'] = resolveWithDns): TargetPolicy {
  return { allowed, resolve, ownAddresses: interfaceAddresses };
}

/** Every address the system's resolver gives for a name (what a connection would try), in its order. */
export async function resolveWithDns(hostname: string): Promise<ResolvedAddress[]> {
  const found = await lookupAll(hostname, { all: true, verbatim: true });
  return found.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
}

const interfaceAddresses = () => Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => entry.address));

/** "10.0.0.0/8, crm.internal, 192.168.1.20" → an AllowList; a wrong entry stops the process at start. */
export function parseAllowList(variable: string, raw: string): AllowList {
  const names = new Set<string>();
  const ranges: [Address, number][] = [];
  for (const entry of raw
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)) {
    const bare = entry.replace(/^\[(.*)\]$/, '$1');
    if (entry.includes('/')) {
      if (!ipaddr.isValidCIDR(bare)) throw new Error(`${variable}: "${entry}" is not a CIDR range such as 10.0.0.0/8 or fd00::/8`);
      const [address, bits] = ipaddr.parseCIDR(bare);
      ranges.push([address, bits]);
    } else if (ipaddr.isValid(bare)) {
      // As addresses are checked: an IPv4-mapped IPv6 address is the IPv4 address.
      const address = ipaddr.process(bare);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/.test(entry)) {
      names.add(entry.replace(/\.$/, ''));
    } else {
      throw new Error(`${variable}: "${entry}" is not a host name, an IP address or a CIDR range`);
    }
  }
  return { names, ranges };
}

/**
 * Why a URL as an admin typed it cannot be an endpoint, or null: checked on the raw input,
 * before WHATWG URL parsing quietly strips control characters and surrounding spaces.
 */
export function urlProblem(raw: string): string | null {
  // C0 and C1 control characters: CR/LF would split a header in a naive client, NUL cuts strings short.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(raw)) return 'must not contain control characters (CR, LF, NUL, tab…)';
  if (raw !== raw.trim()) return 'must not start or end with whitespace';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (url.username || url.password) return 'must not contain credentials (user:password@); put a token in the path or query instead';
  if (!url.hostname) return 'must name a host';
  return null;
}

/**
 * What makes `address` unreachable for webhooks ("a loopback address"), or null when it may be
 * reached: it is allowed explicitly, or a public unicast address that is not this server's.
 */
export function refusal(address: string, policy: TargetPolicy): string | null {
  let parsed: Address;
  try {
    // process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 address it reaches.
    parsed = ipaddr.process(address);
  } catch {
    return 'not an IP address';
  }
  if (policy.allowed.ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits))) return null;
  const range = parsed.range();
  if (range !== 'unicast') return RANGE_NAMES[range] ?? `a special-purpose address (${range})`;
  // ::a.b.c.d (IPv4-compatible, deprecated): ipaddr.js calls it unicast, but some stacks route it to the IPv4 address.
  if (parsed instanceof ipaddr.IPv6 && parsed.parts.slice(0, 6).every((part) => part === 0)) return 'an IPv4-compatible IPv6 address';
  // A public address of this machine reaches Cohort itself (and whatever else listens on it).
  const normalized = parsed.toNormalizedString();
  if (policy.ownAddresses().some((mine) => ipaddr.isValid(mine) && ipaddr.process(mine).toNormalizedString() === normalized))
    return "one of this server's own addresses";
  return null;
}

const RANGE_NAMES: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (where cloud metadata services answer)',
  loopback: 'a loopback address',
  carrierGradeNat: 'a shared address (CGNAT, 100.64.0.0/10)',
  private: 'a private address (RFC 1918)',
  uniqueLocal: 'a unique local address (fc00::/7)',
  reserved: 'a reserved address',
  benchmarking: 'a benchmarking address',
  rfc6145: 'an IPv4-translated address',
  rfc6052: 'a NAT64 address',
  '6to4': 'a 6to4 address',
  teredo: 'a Teredo address',
};

/** Where a URL leads: the addresses to connect to, checked; or why it is refused; or a DNS failure. */
export type Target = { addresses: ResolvedAddress[] } | { refused: string } | { unresolved: string };

/**
 * Resolves a URL's host and checks every address it gives (one refused address refuses the
 * URL: a name is not trusted half-way). A host name on the allow-list may resolve anywhere.
 * `signal` bounds the DNS lookup, which cannot be cancelled otherwise.
 */
export async function resolveTarget(url: URL, policy: TargetPolicy, signal?: AbortSignal): Promise<Target> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (ipaddr.isValid(host)) {
    const refused = refusal(host, policy);
    return refused ? { refused: `${shown(host)} is ${refused}` } : { addresses: [{ address: host, family: host.includes(':') ? 6 : 4 }] };
  }
  const name = host.replace(/\.$/, '');
  let addresses: ResolvedAddress[];
  try {
    addresses = await abortable(policy.resolve(name), signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    return { unresolved: `DNS lookup of ${name} failed (${(error as { code?: string }).code ?? (error as Error).message})` };
  }
  if (addresses.length === 0) return { unresolved: `DNS lookup of ${name} found no address` };
  if (policy.allowed.names.has(name)) return { addresses };
  for (const { address } of addresses) {
    const refused = refusal(address, policy);
    if (refused) return { refused: `${name} resolves to ${shown(address)}, ${refused}` };
  }
  return { addresses };
}

/** An address as given, with the IPv4 address it reaches when it is an IPv4-mapped IPv6 one. */
function shown(address: string): string {
  const reached = ipaddr.isValid(address) ? ipaddr.process(address).toString() : address;
  return reached === address ? address : `${address} (${reached})`;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted', { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * A `lookup` for http.request that answers only with the addresses already checked, so the
 * connection goes where the check said (a second DNS answer is never asked for). Node calls it
 * with `all: true` when it tries both families (autoSelectFamily).
 */
export function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : null;
    const usable = family ? addresses.filter((entry) => entry.family === family) : addresses;
    const first = usable[0];
    if (!first) {
      callback(Object.assign(new Error(`No checked IPv${family} address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      return;
    }
    if (options.all) (callback as unknown as (error: null, addresses: ResolvedAddress[]) => void)(null, usable);
    else callback(null, first.address, first.family);
  };
}
