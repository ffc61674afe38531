import { da, type TextKey } from './da';
import { en } from './en';
import type { Locale } from './locale';

const CATALOGUES: Record<Locale, Readonly<Record<TextKey, string>>> = { da, en };

/** The names in a text's {placeholders}, read from its Danish wording. */
type PlaceholdersIn<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholdersIn<Rest>
  : never;

export type TextPlaceholder<K extends TextKey> = PlaceholdersIn<(typeof da)[K]>;

/** A value for each of a text's placeholders, and no others; nothing fits a text without any. */
export type TextParams<K extends TextKey> = [TextPlaceholder<K>] extends [never]
  ? never
  : Readonly<Record<TextPlaceholder<K>, string | number>>;

/** A key whose text has no placeholders: what a page title or a form error may name. */
export type PlainTextKey = { [K in TextKey]: [TextPlaceholder<K>] extends [never] ? K : never }[TextKey];

/** The rest of the keys under `<prefix>.`: `TextKeysUnder<'identity'>` is `'cprMissing' | …`. */
export type TextKeysUnder<Prefix extends string> = TextKey extends infer K
  ? K extends `${Prefix}.${infer Rest}`
    ? Rest
    : never
  : never;

/**
 * A text in the given language, its {placeholders} filled. A misspelt key or placeholder does not
 * compile, nor does a text with placeholders called without their values.
 */
export function t(locale: Locale, key: PlainTextKey): string;
export function t<K extends TextKey>(locale: Locale, key: K, params: TextParams<K>): string;
export function t(locale: Locale, key: TextKey, params: Readonly<Record<string, string | number>> = {}): string {
  return fill(lookup(locale, key), params);
}

export function isTextKey(value: unknown): value is TextKey {
  return typeof value === 'string' && Object.hasOwn(da, value);
}

/**
 * For Handlebars' {{t "key" name=value}}, where tsc cannot see the key: an unknown one throws
 * (a unit test reads every view's keys, so a misspelling fails `npm test` before any page renders).
 */
export function templateText(locale: Locale, key: string, params: Readonly<Record<string, unknown>>): string {
  if (!isTextKey(key)) throw new Error(`missing text "${key}" for ${locale}`);
  return fill(lookup(locale, key), params);
}

function lookup(locale: Locale, key: TextKey): string {
  const text = CATALOGUES[locale][key];
  // Only a cast or a template can reach here with a key the catalogue lacks.
  if (text === undefined) throw new Error(`missing text "${key}" for ${locale}`);
  return text;
}

// A placeholder without a value stays visible, so a forgotten one shows in review instead of vanishing.
function fill(text: string, params: Readonly<Record<string, unknown>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The placeholder names a text uses, for the tests that compare languages and views. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}

export function textCatalogue(locale: Locale): Readonly<Record<TextKey, string>> {
  return CATALOGUES[locale];
}
