import { isIPv4, isIPv6 } from 'node:net';

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * Whose budget a request spends: the client's IPv4 address, or the /64 of an IPv6 one.
 * One subscriber usually holds a whole /64, so counting single IPv6 addresses would hand
 * an attacker 2^64 fresh budgets. An IPv4 client on a dual-stack socket (::ffff:a.b.c.d)
 * counts as its IPv4 address.
 */
export function clientAddressKey(ip: string): string {
  const address = ip.replace(/%.*$/, '');
  const mapped = IPV4_MAPPED.exec(address)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (!isIPv6(address)) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, without leading zeros; "::" expanded. */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.split('::');
  const groupsOf = (part: string | undefined): string[] =>
    // An embedded IPv4 address (only ever at the end) fills the last two groups.
    part ? part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])) : [];
  const first = groupsOf(head);
  const last = groupsOf(tail);
  const zeros = tail === undefined ? [] : Array.from({ length: 8 - first.length - last.length }, () => '0');
  return [...first, ...zeros, ...last].map((group) => parseInt(group, 16).toString(16));
}
