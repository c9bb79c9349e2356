// Webhook endpoints are URLs an organization's admin types in, and the server POSTs to them: without
// a check, an admin could make the server call addresses only it can reach (its own loopback, the
// cloud's metadata service, a private network, this host's own addresses). The host is resolved
// and every address it gives must be public, when the endpoint is saved and again before each
// delivery (DNS can change), and the delivery connects to the very addresses checked, so an answer
// that changes in between (DNS rebinding) cannot slip a private address in.
import "server-only";
import { lookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { networkInterfaces } from "node:os";
import { env } from "~/env";
import { renderMessage } from "../errors";
import { notificationsMessages } from "./contract";

// Every range of IANA's IPv4 and IPv6 special-purpose address registries (RFC 6890 and its
// updates), whether or not the registry marks it globally reachable, plus multicast and the
// reserved space: none of them is where an organization's webhook receiver lives.
const notPublic = new BlockList();
export const specialPurposeRanges: { network: string; prefix: number; family: "ipv4" | "ipv6"; name: string }[] = [
  ...(
    [
      ["0.0.0.0", 8, "this network"],
      ["10.0.0.0", 8, "private"],
      ["100.64.0.0", 10, "carrier-grade NAT"],
      ["127.0.0.0", 8, "loopback"],
      ["169.254.0.0", 16, "link-local, cloud metadata"],
      ["172.16.0.0", 12, "private"],
      ["192.0.0.0", 24, "IETF protocol assignments"],
      ["192.0.2.0", 24, "TEST-NET-1"],
      ["192.31.196.0", 24, "AS112"],
      ["192.52.193.0", 24, "AMT"],
      ["192.88.99.0", 24, "6to4 relay anycast"],
      ["192.168.0.0", 16, "private"],
      ["192.175.48.0", 24, "AS112 direct delegation"],
      ["198.18.0.0", 15, "benchmarking"],
      ["198.51.100.0", 24, "TEST-NET-2"],
      ["203.0.113.0", 24, "TEST-NET-3"],
      ["224.0.0.0", 4, "multicast"],
      ["240.0.0.0", 4, "reserved, broadcast"],
    ] as const
  ).map(([network, prefix, name]) => ({ network, prefix, family: "ipv4" as const, name })),
  ...(
    [
      ["::", 96, "unspecified, loopback, IPv4-compatible"],
      ["64:ff9b::", 96, "NAT64"],
      ["64:ff9b:1::", 48, "local-use NAT64"],
      ["100::", 64, "discard-only"],
      ["100:0:0:1::", 64, "dummy prefix"],
      ["2001::", 23, "IETF protocol assignments, Teredo, benchmarking, ORCHID"],
      ["2001:db8::", 32, "documentation"],
      ["2002::", 16, "6to4"],
      ["2620:4f:8000::", 48, "AS112 direct delegation"],
      ["3fff::", 20, "documentation"],
      ["5f00::", 16, "segment routing"],
      ["fc00::", 7, "unique local"],
      ["fe80::", 10, "link-local"],
      ["fec0::", 10, "site-local (deprecated)"],
      ["ff00::", 8, "multicast"],
    ] as const
  ).map(([network, prefix, name]) => ({ network, prefix, family: "ipv6" as const, name })),
];
for (const { network, prefix, family } of specialPurposeRanges) notPublic.addSubnet(network, prefix, family);

/** This host's own addresses: a public one would reach this server from outside, past any check. */
function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address.replace(/%.*$/, "").toLowerCase()));
}

/** Whether an IP address (v4 or v6) is one a webhook must not be sent to. */
export function isNonPublicAddress(address: string, ownAddresses: () => string[] = interfaceAddresses): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (notPublic.check(address, family === 4 ? "ipv4" : "ipv6")) return true;
  const own = ownAddresses();
  const plain = address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  return own.includes(plain) || own.includes(address.toLowerCase());
}

export type ResolvedAddress = { address: string; family: number };
/** Every address of a host name, in the resolver's order. */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

export interface TargetOptions {
  /** Allow loopback and private addresses (default: WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate?: boolean;
  /** Another resolver than the system's (tests). */
  resolve?: Resolver;
  /** This host's addresses, if not os.networkInterfaces() (tests). */
  ownAddresses?: () => string[];
}

function allowsPrivate(options: TargetOptions): boolean {
  return options.allowPrivate ?? env.WEBHOOK_ALLOW_PRIVATE === "true";
}

/** A connection refused because the host resolved to a non-public address. */
export class NonPublicAddressError extends Error {
  constructor(readonly address: string) {
    super(nonPublicMessage(address));
    this.name = "NonPublicAddressError";
  }
}

/**
 * The first address of the URL's host that is not public, or null when all are (or the host does
 * not resolve: the delivery then fails to connect, as for any unreachable host). Private targets
 * are allowed with WEBHOOK_ALLOW_PRIVATE=true, for receivers on the operator's own network.
 */
export async function nonPublicTarget(url: string, options: TargetOptions = {}): Promise<string | null> {
  if (allowsPrivate(options)) return null;
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
  const resolve = options.resolve ?? systemResolver;
  const addresses = isIP(host) ? [host] : await resolve(host).then((all) => all.map((a) => a.address), () => []);
  return addresses.find((address) => isNonPublicAddress(address, options.ownAddresses)) ?? null;
}

/**
 * The name lookup a delivery's connection uses: it resolves once and fails with
 * NonPublicAddressError when any address is not public, so the socket opens only to an address
 * that was checked. (Literal IP hosts skip lookups; `nonPublicTarget` covers those.)
 */
export function checkedLookup(options: TargetOptions = {}): LookupFunction {
  const resolve = options.resolve ?? systemResolver;
  const allowPrivate = allowsPrivate(options);
  return (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (all) => {
        const wanted = lookupOptions.family === 4 || lookupOptions.family === 6 ? all.filter((a) => a.family === lookupOptions.family) : all;
        const refused = allowPrivate ? undefined : wanted.find((a) => isNonPublicAddress(a.address, options.ownAddresses));
        if (refused) return callback(new NonPublicAddressError(refused.address), "", 0);
        if (wanted.length === 0) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), "", 0);
        if (lookupOptions.all) return (callback as unknown as (error: null, addresses: ResolvedAddress[]) => void)(null, wanted);
        callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}

/** Why a URL is refused, in English: for the delivery log and the error a connection fails with. */
export function nonPublicMessage(address: string): string {
  return renderMessage(notificationsMessages.non_public_address, { address });
}
