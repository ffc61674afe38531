import { da, type TextKey } from './da';
import { en } from './en';
import { LOCALES } from './locale';
import { isTextKey, placeholdersOf, t, templateText, textCatalogue, type PlainTextKey } from './texts';

describe('portal texts', () => {
  it('has every key in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(da).sort());
  });

  it('fills placeholders and fails on unknown keys', () => {
    expect(t('da', 'login.oidc', { provider: 'MitID' })).toBe('Log på med MitID');
    expect(t('en', 'login.oidc', { provider: 'MitID' })).toBe('Log in with MitID');
    // @ts-expect-error a misspelt key does not compile (and throws if a cast smuggles it in)
    expect(() => t('da', 'no.such.key')).toThrow(/missing text/);
  });

  it('uses the same placeholders in every language, and no text is empty', () => {
    for (const locale of LOCALES) {
      const texts = textCatalogue(locale);
      for (const key of Object.keys(da) as TextKey[]) {
        expect({ key, locale, text: texts[key].trim() === '' }).toEqual({ key, locale, text: false });
        expect({ key, locale, placeholders: placeholdersOf(texts[key]) }).toEqual({
          key,
          locale,
          placeholders: placeholdersOf(da[key]),
        });
      }
    }
  });

  it('fills a view template key, and refuses one the catalogue lacks', () => {
    expect(templateText('en', 'signup.step', { n: 2 })).toBe('Step 2 of 5');
    expect(() => templateText('en', 'signup.stpe', {})).toThrow('missing text "signup.stpe" for en');
    expect(isTextKey('layout.skip')).toBe(true);
    expect(isTextKey('toString')).toBe(false);
  });
});

// These lines are checked by `tsc --noEmit` (part of `npm test`): each @ts-expect-error fails the
// type check if the line below it ever compiles, i.e. if the guard stops guarding.
describe('compile-time guards', () => {
  it('refuses a misspelt key, a missing or misspelt placeholder, and a text missing in English', () => {
    // @ts-expect-error a misspelt key
    expect(() => t('en', 'login.titel')).toThrow(/missing text/);
    // @ts-expect-error a text with a {placeholder} needs its value
    expect(t('en', 'login.oidc')).toBe('Log in with {provider}');
    // @ts-expect-error a misspelt placeholder
    expect(t('en', 'login.oidc', { providr: 'MitID' })).toBe('Log in with {provider}');
    // @ts-expect-error a page title names a text without placeholders
    const title: PlainTextKey = 'signup.step';
    expect(title).toBe('signup.step');
    // @ts-expect-error a catalogue that lacks a key
    const partial: Record<TextKey, string> = { 'layout.skip': 'Skip to content' };
    expect(Object.keys(partial)).toHaveLength(1);
  });
});
