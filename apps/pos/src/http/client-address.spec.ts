import { clientAddressKey } from './client-address';

describe('clientAddressKey', () => {
  it.each([
    ['an IPv4 address', '203.0.113.7', '203.0.113.7'],
    ['an IPv4 client on a dual-stack socket', '::ffff:203.0.113.7', '203.0.113.7'],
    ['an IPv6 address', '2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['a compressed IPv6 address', '2001:DB8::1', '2001:db8:0:0::/64'],
    ['leading zeros', '2001:0db8:0001:0002::0006', '2001:db8:1:2::/64'],
    ['a zone id', 'fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['the loopback', '::1', '0:0:0:0::/64'],
    ['an embedded IPv4 tail', '64:ff9b::198.51.100.1', '64:ff9b:0:0::/64'],
    ['something unparseable', 'unknown', 'unknown'],
  ])('keys %s', (_label, ip, key) => {
    expect(clientAddressKey(ip)).toBe(key);
  });

  it('puts every address of one /64 in one budget, and the next /64 in another', () => {
    expect(clientAddressKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe(clientAddressKey('2001:db8:1:2::1'));
    expect(clientAddressKey('2001:db8:1:3::1')).not.toBe(clientAddressKey('2001:db8:1:2::1'));
  });
});
