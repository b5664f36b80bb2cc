import type { Caller } from '../schema/caller.ts';
import { BlockList, isIP } from 'node:net';

/**
 * Which proxies in front of the server are believed when they say, in `X-Forwarded-For`, whom they
 * forward for (TRUST_PROXY). Anyone can send that header, so by default it is ignored.
 */
export type TrustProxy =
  /** The address that connected is the client's: `X-Forwarded-For` is ignored. */
  | { readonly kind: 'none' }
  /** This many proxies stand in front: the client is that many entries from the right of `X-Forwarded-For`. */
  | { readonly kind: 'hops'; readonly hops: number }
  /** Proxies at these addresses are believed; the client is the nearest address that is not one of them. */
  | { readonly kind: 'addresses'; readonly proxies: BlockList };

export const NO_PROXY: TrustProxy = { kind: 'none' };

/** TRUST_PROXY as configured: a number of hops, or addresses and CIDR ranges (already checked by the configuration). */
export function trustProxyOf(setting: number | readonly string[] | undefined): TrustProxy {
  if (setting === undefined || setting === 0) return NO_PROXY;
  if (typeof setting === 'number') return { kind: 'hops', hops: setting };
  const proxies = new BlockList();
  for (const entry of setting) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) proxies.addAddress(address, family);
    else proxies.addSubnet(address, Number(prefix), family);
  }
  return { kind: 'addresses', proxies };
}

/** What Yoga's Node adapter puts in the server context: the request as Node received it. */
export interface NodeServerContext {
  readonly req?: { readonly socket?: { readonly remoteAddress?: string | undefined } };
}

/**
 * Who a client is, for its budget of cost points and its count of open subscriptions: the holder of a recognised
 * credential (all of one name's tokens are one client), else the address it is known by.
 */
export function clientKey(caller: Caller | undefined, connected: string | undefined, forwardedFor: string | null, trust: TrustProxy): string {
  return caller && 'name' in caller ? `holder:${caller.name}` : `address:${clientAddress(connected, forwardedFor, trust)}`;
}

/**
 * The address a client is known by: the connecting address, or with trusted proxies the nearest
 * address in `X-Forwarded-For` that a trusted proxy vouches for. An entry that is not an address
 * stops the walk at the proxy that passed it on. IPv6 clients are known by their /64 network (a
 * single subscriber usually holds a whole one), IPv4 clients by their address.
 */
export function clientAddress(connected: string | undefined, forwardedFor: string | null, trust: TrustProxy): string {
  if (connected === undefined) return 'unknown';
  // Nearest first: the connecting peer, then each proxy's entry from right to left.
  const chain = [connected, ...(trust.kind === 'none' || forwardedFor === null ? [] : forwardedFor.split(',').map((entry) => entry.trim()).reverse())];
  let index = 0;
  while (index + 1 < chain.length && isTrusted(chain[index] ?? '', index, trust) && isIP(plain(chain[index + 1] ?? '')) !== 0) index += 1;
  return network(plain(chain[index] ?? connected));
}

function isTrusted(address: string, index: number, trust: TrustProxy): boolean {
  if (trust.kind === 'hops') return index < trust.hops;
  if (trust.kind === 'none') return false;
  const bare = plain(address);
  const family = isIP(bare);
  return family !== 0 && trust.proxies.check(bare, family === 6 ? 'ipv6' : 'ipv4');
}

/** An IPv4 address as it is (also out of its IPv6-mapped form, `::ffff:192.0.2.1`); IPv6 without a zone. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address.replace(/%.*$/, '');
}

function network(address: string): string {
  return isIP(address) === 6 ? `${ipv6Groups(address).slice(0, 4).join(':')}::/64` : address;
}

/** The eight groups of an IPv6 address, `::` expanded and leading zeros dropped. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])));
  const left = groupsOf(head);
  const right = tail === undefined ? [] : groupsOf(tail);
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return groups.map((group) => parseInt(group, 16).toString(16));
}
