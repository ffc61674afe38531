import { parseKroner } from './refund-amount';

describe('parseKroner', () => {
  it.each([
    ['120', 12_000],
    ['120,50', 12_050],
    ['120,5', 12_050],
    ['0,01', 1],
    [' 75 ', 7_500],
    ['9999999,99', 999_999_999],
    ['007', 700],
  ])('reads %p as %p øre', (text, ore) => {
    expect(parseKroner(text)).toBe(ore);
  });

  it.each(['', '-5', '+5', '1.200', '1.200,50', '12.5', '120,505', ',50', '120,', '1e3', '12 0', '10000000', 'abc'])(
    'refuses %p',
    (text) => {
      expect(parseKroner(text)).toBeUndefined();
    },
  );
});
