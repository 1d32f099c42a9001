import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

/** The operator's setting: with `1` (or any value but an "off" one), only globally reachable addresses are sent to. */
export const publicEndpointsOnlyVariable = 'HTTP_EMAIL_PUBLIC_ENDPOINTS_ONLY';

/** The values that leave the setting off; empty or unset too. */
const offValues: ReadonlySet<string> = new Set(['', '0', 'false', 'no', 'off']);

/**
 * Read at every attempt, so that a change holds from the next send on (an operator sets it in the
 * environment Logto starts with; tests switch it). A security switch fails closed: `true`, ` 1` or
 * any other value an operator meant as "on" turns it on; only an explicit "off" value leaves it off.
 */
export const publicEndpointsOnly = () =>
  !offValues.has((process.env[publicEndpointsOnlyVariable] ?? '').trim().toLowerCase());

/** Why an address is not sent to, as the admin reads it; never the address itself. */
export type AddressRefusal =
  | 'a cloud metadata service'
  | 'a multicast address'
  | 'the broadcast address'
  | `not publicly reachable, and this Logto sends to public addresses only (${typeof publicEndpointsOnlyVariable})`;

const notPublic: AddressRefusal = `not publicly reachable, and this Logto sends to public addresses only (${publicEndpointsOnlyVariable})`;

/** An address as bytes: 4 for IPv4, 16 for IPv6. */
type Bytes = number[];

const ipv4Bytes = (address: string): Bytes => address.split('.').map(Number);

/** The 16 bytes of an IPv6 address in any textual form (`::`, an embedded IPv4, a zone). */
const ipv6Bytes = (address: string): Bytes => {
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const groups = (part: string) =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (group.includes('.')) {
            const [a, b, c, d] = ipv4Bytes(group);
            return [(a! << 8) | b!, (c! << 8) | d!];
          }
          return [Number.parseInt(group, 16)];
        });
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  const all = [...front, ...Array.from({ length: 8 - front.length - back.length }, () => 0), ...back];
  return all.flatMap((group) => [group >> 8, group & 0xff]);
};

type Range = { bytes: Bytes; bits: number };

const range = (cidr: string): Range => {
  const [address = '', bits] = cidr.split('/');
  return { bytes: address.includes(':') ? ipv6Bytes(address) : ipv4Bytes(address), bits: Number(bits) };
};

const inRange = (bytes: Bytes, { bytes: prefix, bits }: Range) => {
  if (bytes.length !== prefix.length) {
    return false;
  }
  for (let bit = 0; bit < bits; bit += 8) {
    const mask = (0xff << (8 - Math.min(8, bits - bit))) & 0xff;
    if ((bytes[bit / 8]! & mask) !== (prefix[bit / 8]! & mask)) {
      return false;
    }
  }
  return true;
};

const ranges = (cidrs: string[]) => cidrs.map((cidr) => range(cidr));

/** Refused whatever the setting: answering there would hand a Console test the host's secrets. */
const metadataServices = ranges([
  // AWS, GCP, Azure, OpenStack, DigitalOcean, Oracle…; then AWS ECS task metadata and credentials,
  // AWS EKS pod identity, AWS over IPv6, Alibaba Cloud.
  '169.254.169.254/32',
  '169.254.170.2/32',
  '169.254.170.23/32',
  'fd00:ec2::254/128',
  '100.100.100.200/32',
]);
const multicast = ranges(['224.0.0.0/4', 'ff00::/8']);
const broadcast = ranges(['255.255.255.255/32']);

/** Globally reachable exceptions inside the not-global ranges below (IANA's registries). */
const globalExceptions = ranges([
  '192.0.0.9/32',
  '192.0.0.10/32',
  '2001:1::1/128',
  '2001:1::2/128',
  '2001:3::/32',
  '2001:4:112::/48',
  '2001:20::/28',
  '2001:30::/28',
]);

/**
 * Not globally reachable, per IANA's IPv4 and IPv6 special-purpose address registries: refused when
 * the operator allows public addresses only.
 */
const notGlobal = ranges([
  '0.0.0.0/8', // this network
  '10.0.0.0/8', // private
  '100.64.0.0/10', // carrier-grade NAT
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local
  '172.16.0.0/12', // private
  '192.0.0.0/24', // IETF protocol assignments
  '192.0.2.0/24', // documentation
  '192.88.99.0/24', // deprecated 6to4 relay anycast
  '192.168.0.0/16', // private
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // documentation
  '203.0.113.0/24', // documentation
  '240.0.0.0/4', // reserved
  '::/128', // unspecified
  '::1/128', // loopback
  '::/96', // IPv4-compatible (deprecated)
  '64:ff9b:1::/48', // local-use IPv4/IPv6 translation
  '100::/64', // discard-only
  '2001::/23', // IETF protocol assignments
  '2001:db8::/32', // documentation
  '2002::/16', // 6to4
  '3fff::/20', // documentation
  '5f00::/16', // segment routing
  'fc00::/7', // unique local
  'fe80::/10', // link-local
]);

const ipv4Mapped = range('::ffff:0:0/96');
const nat64 = range('64:ff9b::/96');
/**
 * IPv6 forms that carry an IPv4 address elsewhere: IPv4-compatible (deprecated), IPv4-translated
 * (SIIT) and local-use NAT64 in the last 4 bytes, 6to4 in bytes 2 to 5. A gateway or an old stack
 * may deliver them to that IPv4 address, so they are judged as it too, beside their own range.
 */
const ipv4Compatible = range('::/96');
const ipv4Translated = range('::ffff:0:0:0/96');
const sixToFour = range('2002::/16');
/** A network's own NAT64 prefix; taken as a /96, the IPv4 address in its last 4 bytes. */
const localNat64 = range('64:ff9b:1::/48');

const embeddedIpv4 = (bytes: Bytes): Bytes | undefined =>
  inRange(bytes, ipv4Compatible) || inRange(bytes, ipv4Translated) || inRange(bytes, localNat64)
    ? bytes.slice(12)
    : inRange(bytes, sixToFour)
      ? bytes.slice(2, 6)
      : undefined;

const judge = (bytes: Bytes, publicOnly: boolean): AddressRefusal | undefined => {
  const matches = (list: Range[]) => list.some((entry) => inRange(bytes, entry));
  if (matches(metadataServices)) {
    return 'a cloud metadata service';
  }
  if (matches(multicast)) {
    return 'a multicast address';
  }
  if (matches(broadcast)) {
    return 'the broadcast address';
  }
  if (publicOnly && matches(notGlobal) && !matches(globalExceptions)) {
    return notPublic;
  }
};

/**
 * Why the connector does not send to this address, or undefined when it may (and for a host name,
 * which is judged by what it resolves to). IPv4-mapped IPv6 and NAT64 addresses are judged as the
 * IPv4 address they carry; the other forms that carry one, as it and as themselves.
 */
export const addressRefusal = (address: string, publicOnly: boolean): AddressRefusal | undefined => {
  const family = isIP(address.split('%')[0]!);
  if (family === 0) {
    // Not an address: nothing to judge (Node does not connect to it either).
    return;
  }
  let bytes = family === 4 ? ipv4Bytes(address) : ipv6Bytes(address);
  if (inRange(bytes, ipv4Mapped) || inRange(bytes, nat64)) {
    bytes = bytes.slice(12);
  }
  const embedded = bytes.length === 16 ? embeddedIpv4(bytes) : undefined;
  // What is refused always names the reason before "not public" does, for either reading.
  return (
    judge(bytes, false) ??
    (embedded && judge(embedded, false)) ??
    (publicOnly ? (judge(bytes, true) ?? (embedded && judge(embedded, true))) : undefined)
  );
};

/** The admin's words for a refused address. */
export const describeRefusal = (refusal: AddressRefusal) =>
  `its host resolves to an address this Logto does not send to (${refusal})`;

/** The error a refused address fails its connection with: named by its code, never its address. */
export class AddressRefused extends Error {
  readonly code = 'ERR_HTTP_EMAIL_ADDRESS_REFUSED';

  constructor(readonly refusal: AddressRefusal) {
    super(`the host resolves to an address this connector does not send to: ${refusal}`);
  }
}

type Resolver = (
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void
) => void;

/**
 * A `lookup` for the connector's agents: resolves as dns.lookup does and refuses the connection
 * when any address it returns is refused, so that a name is judged by what it resolves to now,
 * whatever it resolved to before. Node asks for every address (`all`) when it may try several.
 */
export const guardedLookup =
  (publicOnly: boolean, resolve: Resolver = dns.lookup as Resolver): LookupFunction =>
  (hostname, options, callback) => {
    resolve(hostname, options, (error, address, family) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const addresses = typeof address === 'string' ? [address] : address.map((entry) => entry.address);
      for (const each of addresses) {
        const refusal = addressRefusal(each, publicOnly);
        if (refusal) {
          callback(new AddressRefused(refusal), '', 0);
          return;
        }
      }
      // Passed on as given: one address and its family, or the list.
      (callback as (...args: unknown[]) => void)(null, address, family);
    });
  };

export type Agents = { http: http.Agent; https: https.Agent };

const agentPairs = new Map<boolean, Agents>();

/**
 * The connector's own agents, kept alive as Node's global ones are: no connection that other code
 * opened is reused, and every new one is checked. One pair per setting, so that a connection opened
 * while private addresses were allowed is never reused once they are not.
 */
export const agentsFor = (publicOnly: boolean): Agents => {
  let agents = agentPairs.get(publicOnly);
  if (!agents) {
    const options = {
      keepAlive: true,
      scheduling: 'lifo',
      timeout: 5000,
      lookup: guardedLookup(publicOnly),
    } as const;
    agents = { http: new http.Agent(options), https: new https.Agent(options) };
    agentPairs.set(publicOnly, agents);
  }
  return agents;
};
