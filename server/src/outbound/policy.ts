// Where the server may send: every outbound HTTP destination (chat, webhooks, paging gateways, Statuspage) must be
// a public unicast address. Loopback, private, link-local, unique-local, CGNAT, multicast, reserved and cloud
// metadata addresses are refused in every spelling, unless the operator allow-lists them (OUTBOUND_ALLOW).
// IP ranges come from ipaddr.js (a maintained table of the IANA special-purpose registries); URL spellings
// (2130706433, 0x7f.1, 0177.0.0.1, 127.1, [::ffff:127.0.0.1]) are normalised by the WHATWG URL parser first.
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Names that point inside the machine or the cloud it runs in, whatever DNS says. */
const INTERNAL_NAMES = [/^localhost$/, /\.localhost$/, /^metadata$/, /^metadata\.google\.internal$/, /^metadata\.goog$/, /^instance-data(\.ec2\.internal)?$/, /^169\.254\.169\.254\.nip\.io$/];

/** Cloud instance metadata services: refused even inside an allow-listed range unless named exactly. */
const METADATA = ['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254', '168.63.129.16'].map((a) => ipaddr.parse(a));

const RANGE_WORDS: Record<string, string> = {
  loopback: 'a loopback address', private: 'a private address', linkLocal: 'a link-local address', uniqueLocal: 'a unique-local address',
  carrierGradeNat: 'a carrier-grade NAT address', multicast: 'a multicast address', broadcast: 'the broadcast address', unspecified: 'an unspecified address',
  reserved: 'a reserved address', benchmarking: 'a benchmarking address', ipv4Compatible: 'an IPv4-compatible IPv6 address',
  rfc6052: 'a NAT64 address', rfc6145: 'an IPv4-translated address', '6to4': 'a 6to4 address', teredo: 'a Teredo address',
  deprecatedSiteLocal: 'a site-local address', metadata: 'a cloud metadata address',
};

export interface OutboundPolicy {
  /** CIDR ranges the operator allows (an on-premises gateway); a single address is a /32 or /128. */
  ranges: Array<[Address, number]>;
  /** Host names the operator allows, whatever they resolve to (lower case, no trailing dot). */
  hosts: Set<string>;
}

export const DENY_INTERNAL: OutboundPolicy = { ranges: [], hosts: new Set() };

/** OUTBOUND_ALLOW: a comma-separated list of CIDR ranges, addresses and host names. */
export function parseOutboundAllow(raw: string | undefined): OutboundPolicy {
  const policy: OutboundPolicy = { ranges: [], hosts: new Set() };
  for (const entry of (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const bare = entry.replace(/^\[(.*)\](\/\d+)?$/, '$1$2');
    if (ipaddr.isValidCIDR(bare)) {
      const [addr, bits] = ipaddr.parseCIDR(bare);
      policy.ranges.push([unmap(addr), addr.kind() === 'ipv6' && unmap(addr).kind() === 'ipv4' ? Math.max(0, bits - 96) : bits]);
    } else if (ipaddr.isValid(bare) && /^[0-9a-f:.]+$/i.test(bare)) {
      const addr = unmap(ipaddr.parse(bare));
      policy.ranges.push([addr, addr.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(entry)) {
      policy.hosts.add(normalHost(entry));
    } else {
      throw new Error(`"${entry}" is not a CIDR range (10.20.0.0/16), an address or a host name`);
    }
  }
  return policy;
}

const normalHost = (host: string) => host.toLowerCase().replace(/\.$/, '');

/** An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is the IPv4 address it carries. */
function unmap(addr: Address): Address {
  return addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address() : addr;
}

function rangeOf(addr: Address): string {
  if (METADATA.some((m) => m.kind() === addr.kind() && m.toString() === addr.toString())) return 'metadata';
  // ::a.b.c.d (IPv4-compatible, deprecated) is "unicast" to ipaddr.js; some stacks still reach IPv4 through it.
  const range = addr.range();
  if (range === 'unicast' && addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0)) return 'ipv4Compatible';
  return range;
}

const allowedByRange = (addr: Address, policy: OutboundPolicy) =>
  policy.ranges.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));

/** Why the server must not connect to this address under the policy, or undefined when it may. */
export function refusedAddress(ip: string, policy: OutboundPolicy): string | undefined {
  if (!ipaddr.isValid(ip)) return `${ip} is not an IP address`;
  const addr = unmap(ipaddr.parse(ip));
  const range = rangeOf(addr);
  if (range === 'unicast') return undefined;
  // A metadata service is let through only when the operator named that very address.
  const allowed = range === 'metadata'
    ? policy.ranges.some(([net, bits]) => net.kind() === addr.kind() && (net.kind() === 'ipv4' ? bits === 32 : bits === 128) && addr.match(net, bits))
    : allowedByRange(addr, policy);
  if (allowed) return undefined;
  return `${addr.toString()} is ${RANGE_WORDS[range] ?? `a ${range} address`}`;
}

/** A host the operator allowed by name is trusted whatever it resolves to (their own DNS). */
export function allowedHost(host: string, policy: OutboundPolicy): boolean {
  return policy.hosts.has(normalHost(host));
}

/** The URL's host as the connection will use it: brackets off an IPv6 literal. */
export function hostOfUrl(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * The check when a destination is saved (and at start for the environment's): the scheme, an internal name, and
 * an IP literal in any spelling. A host name is checked again on every address it resolves to at each send.
 */
export function refusedUrl(raw: string, policy: OutboundPolicy): string | undefined {
  let url: URL;
  try { url = new URL(raw); } catch { return 'expected an http:// or https:// URL'; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'expected an http:// or https:// URL';
  if (url.username || url.password) return 'a destination URL must not carry a user name or password';
  const host = hostOfUrl(url);
  if (allowedHost(host, policy)) return undefined;
  if (ipaddr.isValid(host) && /^[0-9a-f:.]+$/i.test(host)) return refusedAddress(host, policy);
  const name = normalHost(host);
  if (INTERNAL_NAMES.some((re) => re.test(name))) return `${name} is an internal host name`;
  return undefined;
}

/** The sentence an admin reads when a destination is refused. */
export const refusalAdvice = 'destinations must be public addresses; an operator can allow an on-premises one with OUTBOUND_ALLOW';
