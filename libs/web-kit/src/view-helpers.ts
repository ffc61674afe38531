import type { HelperDelegate, HelperOptions } from 'handlebars';
import { DEFAULT_LOCALE, isLocale, templateText, type Locale } from '@kk/texts';
import { formatKroner } from './format-money';

interface HelperRegistry {
  registerHelper(name: string, fn: HelperDelegate): void;
}

function localeOf(options: HelperOptions): Locale {
  const root: unknown = (options.data as { root?: { locale?: unknown } } | undefined)?.root?.locale;
  return isLocale(root) ? root : DEFAULT_LOCALE;
}

/**
 * {{t "key" name=value}} in the page's locale (the view's root `locale`), and {{money øre}}.
 * Views stay logic-less: formatting lives here, once.
 */
export function registerViewHelpers(handlebars: HelperRegistry): void {
  handlebars.registerHelper('t', (key: string, options: HelperOptions) =>
    templateText(localeOf(options), key, options.hash as Record<string, unknown>),
  );
  handlebars.registerHelper('money', (ore: number) => formatKroner(ore));
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
}
