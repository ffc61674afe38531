export const APP_ROLE = 'kantinekort_app';

export interface DatabaseUrls {
  /** Privileged: migrations, role set-up. Never used by a serving app. */
  readonly adminUrl: string;
  /** The restricted role every app connects as. */
  readonly appUrl: string;
}

export function deriveAppUrl(adminUrl: string, appPassword: string): string {
  const url = new URL(adminUrl);
  url.username = APP_ROLE;
  url.password = appPassword;
  return url.toString();
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}
