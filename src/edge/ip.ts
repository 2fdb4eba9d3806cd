/**
 * IP parsing, CIDR matching and masking. Runs at the edge (ES5 + cloudfront-js-2.0 syntax) and at build
 * time, where the same parser validates `trustedProxies`. An address is an array of 16-bit groups: two for
 * IPv4, eight for IPv6, so one matcher serves both.
 */

/** A compiled CIDR: address groups and prefix length, as baked into the built functions. */
export interface Cidr {
  g: number[];
  bits: number;
}

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(text: string): number[] | null {
  if (!V4.test(text)) return null;
  const b = text.split('.');
  return [+b[0] * 256 + +b[1], +b[2] * 256 + +b[3]];
}

function parseIpv6(text: string): number[] | null {
  const last = text.lastIndexOf(':');
  if (text.indexOf('.') !== -1) {
    // An embedded IPv4 tail (::ffff:192.0.2.1) becomes its two hex groups.
    const v4 = parseIpv4(text.slice(last + 1));
    if (v4 === null) return null;
    text = text.slice(0, last + 1) + v4[0].toString(16) + ':' + v4[1].toString(16);
  }
  const halves = text.split('::');
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length > 2 || (halves.length === 1 ? missing !== 0 : missing < 1)) return null;
  const groups = head.concat(tail);
  const out: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    if (!HEX.test(groups[i])) return null;
    if (i === head.length) for (let z = 0; z < missing; z++) out.push(0);
    out.push(parseInt(groups[i], 16));
  }
  if (tail.length === 0) for (let z = 0; z < missing && halves.length > 1; z++) out.push(0);
  return out;
}

/**
 * Parses an IPv4 or IPv6 address into 16-bit groups, or null when it is not one. An IPv4-mapped IPv6
 * address (`::ffff:192.0.2.1`, as Node-based proxies write their clients) is that IPv4 address, so IPv4
 * CIDRs match it and masking keeps its /24 instead of zeroing it.
 */
export function parseIp(text: string): number[] | null {
  if (typeof text !== 'string' || text.length > 45) return null;
  if (text.indexOf(':') === -1) return parseIpv4(text);
  const g = parseIpv6(text);
  return g !== null && g[5] === 0xffff && !(g[0] | g[1] | g[2] | g[3] | g[4]) ? g.slice(6) : g;
}

/**
 * Parses `addr/bits` (or a bare address, a host route). Null when malformed or the bits do not fit. An
 * IPv4-mapped range (`::ffff:192.0.2.0/120`) is the IPv4 range it maps (`192.0.2.0/24`), as parseIp reads
 * such addresses; it must cover at least the 96 mapping bits.
 */
export function parseCidr(text: string): Cidr | null {
  if (typeof text !== 'string') return null;
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const g = parseIp(address);
  if (!g) return null;
  const max = g.length * 16;
  if (slash === -1) return { g: g, bits: max };
  const bitsText = text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(bitsText)) return null;
  const bits = +bitsText - (g.length === 2 && address.indexOf(':') !== -1 ? 96 : 0);
  return bits < 0 || bits > max ? null : { g: g, bits: bits };
}

export function cidrContains(cidr: Cidr, ip: number[]): boolean {
  if (cidr.g.length !== ip.length) return false;
  let left = cidr.bits;
  for (let i = 0; i < ip.length && left > 0; i++) {
    const take = left >= 16 ? 16 : left;
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((cidr.g[i] & mask) !== (ip[i] & mask)) return false;
    left -= take;
  }
  return true;
}

export function inAnyCidr(cidrs: Cidr[], ip: number[]): boolean {
  for (let i = 0; i < cidrs.length; i++) if (cidrContains(cidrs[i], ip)) return true;
  return false;
}

/** Truncates an address for privacy: IPv4 to its /24, IPv6 to its /48, in canonical text. */
export function maskIp(ip: number[]): string {
  if (ip.length === 2) return (ip[0] >> 8) + '.' + (ip[0] & 255) + '.' + (ip[1] >> 8) + '.0';
  return ip[0].toString(16) + ':' + ip[1].toString(16) + ':' + ip[2].toString(16) + '::';
}
