import { describe, expect, it } from 'vitest';
import { cidrContains, inAnyCidr, maskIp, parseCidr, parseIp } from '../../src/edge/ip.ts';

describe('parseIp', () => {
  it.each([
    ['0.0.0.0', [0, 0]],
    ['198.51.100.7', [0xc633, 0x6407]],
    ['255.255.255.255', [0xffff, 0xffff]],
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['1::', [1, 0, 0, 0, 0, 0, 0, 0]],
    ['2001:db8::8a2e:370:7334', [0x2001, 0xdb8, 0, 0, 0, 0x8a2e, 0x370, 0x7334]],
    ['2001:DB8:0:0:1:0:0:1', [0x2001, 0xdb8, 0, 0, 1, 0, 0, 1]],
    ['1:2:3:4:5:6:7::', [1, 2, 3, 4, 5, 6, 7, 0]],
    ['::2:3:4:5:6:7:8', [0, 2, 3, 4, 5, 6, 7, 8]],
    // IPv4-mapped IPv6 is the IPv4 address (Node-based proxies write clients that way).
    ['::ffff:198.51.100.7', [0xc633, 0x6407]],
    ['::FFFF:c633:6407', [0xc633, 0x6407]],
    ['0:0:0:0:0:ffff:198.51.100.7', [0xc633, 0x6407]],
    // Other embedded IPv4 forms stay IPv6.
    ['64:ff9b::198.51.100.7', [0x64, 0xff9b, 0, 0, 0, 0, 0xc633, 0x6407]],
    ['::198.51.100.7', [0, 0, 0, 0, 0, 0, 0xc633, 0x6407]],
  ])('parses %s', (text, groups) => {
    expect(parseIp(text)).toEqual(groups);
  });

  it.each([
    '', ' 1.2.3.4', '1.2.3.4 ', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.-4', '1..2.3',
    ':', ':::', '1:2:3:4:5:6:7:8:9', '1::2::3', ':1:2:3:4:5:6:7', '1:2:3:4:5:6:7:', '12345::', 'g::1',
    '1::2:3:4:5:6:7:8', '::ffff:1.2.3', '::ffff:1.2.3.4:5', '1.2.3.4::', 'fe80::1%eth0', 'unknown',
    '1'.repeat(46),
  ])('refuses %j', (text) => {
    expect(parseIp(text)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(parseIp(undefined as unknown as string)).toBeNull();
    expect(parseIp(7 as unknown as string)).toBeNull();
  });
});

describe('parseCidr', () => {
  it.each([
    ['203.0.113.0/24', { g: [0xcb00, 0x7100], bits: 24 }],
    ['203.0.113.9', { g: [0xcb00, 0x7109], bits: 32 }],
    ['10.0.0.0/8', { g: [0x0a00, 0], bits: 8 }],
    ['2001:db8::/32', { g: [0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], bits: 32 }],
    ['2001:db8::1', { g: [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1], bits: 128 }],
    ['0.0.0.0/0', { g: [0, 0], bits: 0 }],
    // An IPv4-mapped range is the IPv4 range it maps.
    ['::ffff:203.0.113.0/120', { g: [0xcb00, 0x7100], bits: 24 }],
    ['::ffff:0:0/96', { g: [0, 0], bits: 0 }],
  ])('parses %s', (text, cidr) => {
    expect(parseCidr(text)).toEqual(cidr);
  });

  it.each(['203.0.113.0/33', '2001:db8::/129', '203.0.113.0/', '203.0.113.0/08', '203.0.113.0/-1', '203.0.113.0/24/1', 'x/24', '::ffff:203.0.113.0/95', ''])(
    'refuses %j',
    (text) => {
      expect(parseCidr(text)).toBeNull();
    },
  );
});

describe('cidrContains / inAnyCidr', () => {
  const cidr = (text: string) => parseCidr(text)!;
  const ip = (text: string) => parseIp(text)!;

  it.each([
    ['203.0.113.0/24', '203.0.113.0', true],
    ['203.0.113.0/24', '203.0.113.255', true],
    ['203.0.113.0/24', '203.0.114.0', false],
    ['203.0.113.128/25', '203.0.113.127', false],
    ['203.0.113.128/25', '203.0.113.200', true],
    ['10.0.0.0/8', '10.255.1.2', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['203.0.113.9/32', '203.0.113.9', true],
    ['203.0.113.9/32', '203.0.113.8', false],
    ['203.0.113.0/24', '::ffff:203.0.113.5', true],
    ['::ffff:203.0.113.0/120', '203.0.113.5', true],
    ['2001:db8:cafe::/48', '2001:db8:cafe:1::9', true],
    ['2001:db8:cafe::/48', '2001:db8:caff::9', false],
    ['2001:db8::/33', '2001:db8:7fff::1', true],
    ['2001:db8::/33', '2001:db8:8000::1', false],
    // Families never match each other.
    ['203.0.113.0/24', '2001:db8::1', false],
    ['::/0', '203.0.113.1', false],
  ])('%s contains %s: %s', (range, address, inside) => {
    expect(cidrContains(cidr(range), ip(address))).toBe(inside);
  });

  it('inAnyCidr looks at every range and is false for none', () => {
    const ranges = [cidr('203.0.113.0/24'), cidr('2001:db8:cafe::/48')];
    expect(inAnyCidr(ranges, ip('2001:db8:cafe::1'))).toBe(true);
    expect(inAnyCidr(ranges, ip('203.0.113.1'))).toBe(true);
    expect(inAnyCidr(ranges, ip('198.51.100.1'))).toBe(false);
    expect(inAnyCidr([], ip('203.0.113.1'))).toBe(false);
  });
});

describe('maskIp', () => {
  it.each([
    ['198.51.100.77', '198.51.100.0'],
    ['10.0.0.1', '10.0.0.0'],
    ['255.255.255.255', '255.255.255.0'],
    ['::ffff:198.51.100.77', '198.51.100.0'],
    ['2001:db8:1234:5678::1', '2001:db8:1234::'],
    ['2001:db8:1234:ffff:ffff:ffff:ffff:ffff', '2001:db8:1234::'],
    ['::1', '0:0:0::'],
  ])('masks %s to %s', (address, masked) => {
    expect(maskIp(parseIp(address)!)).toBe(masked);
  });

  it('masks to an address that parses again and lies in the /24 or /48 of the original', () => {
    for (const [address, bits] of [['198.51.100.77', 24], ['2001:db8:1234:5678::1', 48]] as const) {
      const masked = parseIp(maskIp(parseIp(address)!))!;
      expect(masked).not.toBeNull();
      expect(cidrContains({ g: parseIp(address)!, bits }, masked)).toBe(true);
    }
  });
});
