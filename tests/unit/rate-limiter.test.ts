import { describe, expect, it } from 'vitest';
import { clientAddress, NO_PROXY, trustProxyOf } from '../../server/client-address.ts';
import { loadConfig } from '../../server/config.ts';
import { appPolicy } from '../../server/http-policy.ts';
import { MAX_TRACKED_CLIENTS, RateLimiter } from '../../server/rate-limiter.ts';

/** A limiter on a clock the test moves. */
function limiterAt(points: number, windowMs: number) {
  const clock = { now: 1_000_000 };
  return { limiter: new RateLimiter({ points, windowMs }, () => clock.now), clock };
}

describe('a client budget', () => {
  it('charges each operation until the next one does not fit, which is refused and charged nothing', () => {
    const { limiter, clock } = limiterAt(100, 60_000);
    expect(limiter.charge('a', 60)).toEqual({ allowed: true, limit: 100, cost: 60, remaining: 40, resetAt: new Date(clock.now + 60_000) });
    clock.now += 1_000;
    expect(limiter.charge('a', 50)).toMatchObject({ allowed: false, cost: 50, remaining: 40 });
    expect(limiter.charge('a', 40)).toMatchObject({ allowed: true, remaining: 0, resetAt: new Date(clock.now - 1_000 + 60_000) });
  });

  it('keeps clients apart, and makes a budget whole again when its window ends', () => {
    const { limiter, clock } = limiterAt(10, 1_000);
    expect(limiter.charge('a', 10).remaining).toBe(0);
    expect(limiter.charge('b', 3).remaining).toBe(7);
    expect(limiter.charge('a', 1).allowed).toBe(false);
    clock.now += 999;
    expect(limiter.charge('a', 1).allowed).toBe(false);
    clock.now += 1;
    expect(limiter.charge('a', 1)).toMatchObject({ allowed: true, remaining: 9, resetAt: new Date(clock.now + 1_000) });
  });

  it('forgets clients whose window has ended, and never holds more than MAX_TRACKED_CLIENTS', () => {
    const { limiter, clock } = limiterAt(10, 1_000);
    for (let i = 0; i < 1_000; i += 1) limiter.charge(`old-${i}`, 1);
    clock.now += 1_000;
    limiter.charge('new', 1);
    expect(limiter.trackedClients).toBe(1);
    for (let i = 0; i <= MAX_TRACKED_CLIENTS; i += 1) limiter.charge(`many-${i}`, 1);
    expect(limiter.trackedClients).toBe(MAX_TRACKED_CLIENTS);
  });
});

describe("a client's address", () => {
  const hops = (n: number) => trustProxyOf(n);
  const proxies = (...entries: string[]) => trustProxyOf(entries);

  it('is the connecting address, whatever X-Forwarded-For says, unless proxies are trusted', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', NO_PROXY)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', null, NO_PROXY)).toBe('203.0.113.9');
    expect(clientAddress(undefined, null, NO_PROXY)).toBe('unknown');
  });

  it('with TRUST_PROXY=<hops>, is that many entries from the right, so what the client wrote itself is passed over', () => {
    // The client claims 1.1.1.1; the one proxy appends the address it saw.
    expect(clientAddress('10.0.0.2', '1.1.1.1, 198.51.100.7', hops(1))).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', '1.1.1.1, 198.51.100.7, 10.0.0.1', hops(2))).toBe('198.51.100.7');
    // Fewer entries than hops: the furthest one there is.
    expect(clientAddress('10.0.0.2', '198.51.100.7', hops(3))).toBe('198.51.100.7');
    // Garbage stops the walk at the proxy that passed it on.
    expect(clientAddress('10.0.0.2', 'not-an-address', hops(1))).toBe('10.0.0.2');
  });

  it('with TRUST_PROXY=<addresses>, is the nearest address that is not a trusted proxy', () => {
    const trust = proxies('10.0.0.0/8', '2001:db8::1');
    expect(clientAddress('10.0.0.2', '1.1.1.1, 198.51.100.7, 10.0.0.1', trust)).toBe('198.51.100.7');
    expect(clientAddress('2001:db8::1', '198.51.100.7', trust)).toBe('198.51.100.7');
    // A peer that is not a trusted proxy cannot forward for anyone.
    expect(clientAddress('203.0.113.9', '198.51.100.7', trust)).toBe('203.0.113.9');
  });

  it('is the /64 network of an IPv6 client, which one subscriber usually holds whole', () => {
    expect(clientAddress('2001:db8:aa:bb:1:2:3:4', null, NO_PROXY)).toBe('2001:db8:aa:bb::/64');
    expect(clientAddress('2001:db8:aa:bb::99', null, NO_PROXY)).toBe('2001:db8:aa:bb::/64');
    expect(clientAddress('2001:0db8::1%eth0', null, NO_PROXY)).toBe('2001:db8:0:0::/64');
  });
});

describe('fair-use configuration', () => {
  it('is on by default with a generous budget, and trusts no proxy', () => {
    const policy = appPolicy(loadConfig({}));
    expect(policy.rateLimit).toEqual({ points: 1_000_000, windowMs: 60_000 });
    expect(policy.trustProxy).toEqual(NO_PROXY);
  });

  it('turns off with RATE_LIMIT_POINTS=0, and refuses a budget smaller than one allowed operation', () => {
    expect(appPolicy(loadConfig({ RATE_LIMIT_POINTS: '0' })).rateLimit).toBeUndefined();
    expect(() => loadConfig({ RATE_LIMIT_POINTS: '1000' })).toThrow(/RATE_LIMIT_POINTS: at least MAX_COST \(50000\)/);
    expect(appPolicy(loadConfig({ RATE_LIMIT_POINTS: '1000', MAX_COST: '1000', RATE_LIMIT_WINDOW_S: '5' })).rateLimit).toEqual({ points: 1000, windowMs: 5000 });
  });

  it('takes TRUST_PROXY as a number of hops or a list of addresses and ranges, and says what is wrong with anything else', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, ::1' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '::1']);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example.org,10.0.0.0/33' })).toThrow(/"proxy.example.org" is neither.*"10.0.0.0\/33" is neither/);
  });
});
