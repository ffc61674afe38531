import { checkAllowedUnits, tickedUnits, type UnitChoice } from './allowed-units';

const UNITS: UnitChoice[] = [
  { id: 'u-cafe', name: 'Caféen' },
  { id: 'u-kantine', name: 'Kantinen' },
  { id: 'u-hal', name: 'Hallen' },
];

describe('checkAllowedUnits ("enheder hvor kantinekortet må benyttes")', () => {
  it('restricts the card to a subset of the units', () => {
    expect(checkAllowedUnits(UNITS, ['u-kantine', 'u-cafe'])).toEqual({
      ok: true,
      restriction: { restricted: true, allowed: ['u-cafe', 'u-kantine'] },
    });
  });

  it('reads every unit ticked as everywhere (units added later too), repeats ignored', () => {
    expect(checkAllowedUnits(UNITS, ['u-hal', 'u-cafe', 'u-kantine', 'u-cafe'])).toEqual({
      ok: true,
      restriction: { restricted: false },
    });
  });

  it('refuses no unit at all, and a unit the tenant does not have', () => {
    expect(checkAllowedUnits(UNITS, [])).toEqual({ ok: false, errors: [{ field: 'units', reason: 'noneChosen' }] });
    expect(checkAllowedUnits(UNITS, ['u-cafe', 'u-elsewhere'])).toEqual({
      ok: false,
      errors: [{ field: 'units', reason: 'unknownUnit' }],
    });
  });

  it('ticks every box where the card may pay everywhere, else the allowed ones', () => {
    expect([...tickedUnits(UNITS, { restricted: false })].sort()).toEqual(['u-cafe', 'u-hal', 'u-kantine']);
    expect([...tickedUnits(UNITS, { restricted: true, allowed: ['u-hal'] })]).toEqual(['u-hal']);
  });
});
