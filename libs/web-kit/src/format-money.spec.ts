import { formatKroner } from './format-money';

describe('formatKroner', () => {
  it.each([
    [123450, '1.234,50\u00a0kr.'],
    [0, '0,00\u00a0kr.'],
    [5, '0,05\u00a0kr.'],
    [100, '1,00\u00a0kr.'],
    [100000000, '1.000.000,00\u00a0kr.'],
    [-2500, '-25,00\u00a0kr.'],
  ])('formats %i øre as %s', (ore, text) => {
    expect(formatKroner(ore)).toBe(text);
  });

  it("writes exactly what Intl's Danish currency format writes", () => {
    const intl = new Intl.NumberFormat('da-DK', { style: 'currency', currency: 'DKK' });
    const samples = [0, 1, 9, 10, 99, 100, 999, 1000, 99_999, 100_000, 123_456_789, 10 ** 15];
    // Every amount up to 20,000 kr. in steps that hit each digit, and their negatives.
    for (let ore = 0; ore < 2_000_000; ore += 7919) samples.push(ore);
    for (const ore of [...samples, ...samples.map((s) => -s)]) {
      if (ore === 0 && Object.is(ore, -0)) continue;
      expect(`${ore} ${formatKroner(ore)}`).toBe(`${ore} ${intl.format(ore / 100)}`);
    }
  });

  // Intl divides by 100 in floating point and is a cent off up here; integer øre are not.
  it('stays exact at the largest safe amount', () => {
    expect(formatKroner(Number.MAX_SAFE_INTEGER)).toBe('90.071.992.547.409,91\u00a0kr.');
  });

  it('refuses fractions of an øre', () => {
    expect(() => formatKroner(1.5)).toThrow(/whole number/);
  });
});
