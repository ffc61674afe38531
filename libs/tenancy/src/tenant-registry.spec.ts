import { normaliseHost, TenantRegistry } from './tenant-registry';
import type { TenantConfig } from './tenant-config.schema';

function tenant(slug: string, hosts: string[]): TenantConfig {
  // Only slug and hosts matter to the registry.
  return { slug, hosts } as unknown as TenantConfig;
}

describe('TenantRegistry', () => {
  const school = tenant('school', ['school.localhost', 'kantine.school.example']);
  const city = tenant('city', ['city.localhost']);
  const registry = new TenantRegistry([school, city]);

  it('finds tenants by slug', () => {
    expect(registry.all()).toEqual([school, city]);
    expect(registry.get('city')).toBe(city);
    expect(registry.get('nowhere')).toBeUndefined();
    expect(registry.require('school')).toBe(school);
    expect(() => registry.require('nowhere')).toThrow('Unknown tenant "nowhere" (known tenants: school, city)');
  });

  it.each([
    ['school.localhost', school],
    ['school.localhost:3000', school],
    ['SCHOOL.Localhost:3000', school],
    ['  kantine.school.example.  ', school],
    ['city.localhost:80', city],
    ['other.localhost', undefined],
    ['', undefined],
  ])('resolves host %p', (host, expected) => {
    expect(registry.byHost(host)).toBe(expected);
  });

  it('rejects two tenants with the same slug or host', () => {
    expect(() => new TenantRegistry([school, tenant('school', ['x.localhost'])])).toThrow('registered twice');
    expect(() => new TenantRegistry([school, tenant('copy', ['School.localhost'])])).toThrow(
      'Host "school.localhost" is claimed by tenants "school" and "copy"',
    );
  });
});

describe('normaliseHost', () => {
  it.each([
    ['Sctibs.LOCALHOST:3000', 'sctibs.localhost'],
    ['[::1]:3000', '[::1]'],
    ['[::1]', '[::1]'],
    ['localhost.', 'localhost'],
  ])('%p -> %p', (input, expected) => {
    expect(normaliseHost(input)).toBe(expected);
  });
});
