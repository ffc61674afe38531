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

  it('refuses fractions of an øre', () => {
    expect(() => formatKroner(1.5)).toThrow(/whole number/);
  });
});
