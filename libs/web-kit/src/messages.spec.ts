import { MESSAGES, translate } from './messages';

describe('portal texts', () => {
  it('has every key in both languages', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.da).sort());
  });

  it('fills placeholders and fails on unknown keys', () => {
    expect(translate('da', 'login.oidc', { provider: 'MitID' })).toBe('Log på med MitID');
    expect(translate('en', 'login.oidc', { provider: 'MitID' })).toBe('Log in with MitID');
    expect(() => translate('da', 'no.such.key')).toThrow(/missing text/);
  });
});
