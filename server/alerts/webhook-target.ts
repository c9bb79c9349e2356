// Webhook endpoints are URLs an organization's admin types in, and the server POSTs to them: without
// a check, an admin could make the server call addresses only it can reach (its own loopback, the
// cloud's metadata service, a private network). The host is resolved and every address it gives
// must be public, when the endpoint is saved and again before each delivery (DNS can change).
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { env } from "~/env";

const notPublic = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // protocol assignments
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 3], // multicast and reserved
] as const) {
  notPublic.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 127], // unspecified and loopback
  ["64:ff9b::", 96], // NAT64
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  notPublic.addSubnet(network, prefix, "ipv6");
}

/** Whether an IP address (v4 or v6) is one a webhook must not be sent to. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return notPublic.check(address, family === 4 ? "ipv4" : "ipv6");
}

export interface TargetOptions {
  /** Allow loopback and private addresses (default: WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate?: boolean;
}

/**
 * The first address of the URL's host that is not public, or null when all are (or the host does
 * not resolve: the delivery then fails to connect, as for any unreachable host). Private targets
 * are allowed with WEBHOOK_ALLOW_PRIVATE=true, for receivers on the operator's own network.
 */
export async function nonPublicTarget(url: string, allowPrivate = env.WEBHOOK_ALLOW_PRIVATE === "true"): Promise<string | null> {
  if (allowPrivate) return null;
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
  const addresses = isIP(host) ? [host] : await lookup(host, { all: true, verbatim: true }).then((all) => all.map((a) => a.address), () => []);
  return addresses.find(isNonPublicAddress) ?? null;
}

export function nonPublicMessage(address: string): string {
  return `This URL reaches ${address}, which is not a public address; webhooks go to public addresses only (set WEBHOOK_ALLOW_PRIVATE=true to allow private networks).`;
}
