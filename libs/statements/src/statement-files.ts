import type { TenantConfig } from '@kk/tenancy';
import type { Locale } from '@kk/texts';
import type { Statement } from './statement';
import { statementCsv, type StatementFileContext } from './statement-csv';
import { tenantLogo } from './statement-logo';
import { statementPdf } from './statement-pdf';

/** A file to send: its name for Content-Disposition, its type and its bytes. */
export interface StatementFile {
  readonly filename: string;
  readonly contentType: string;
  readonly body: Buffer;
}

const ASCII_OF: Readonly<Record<string, string>> = { æ: 'ae', ø: 'oe', å: 'aa' };

/** "kontoudskrift-2025-03-01-2025-03-31": the tenant's word for it, in ASCII, and the period. */
export function statementFileName(tenant: Pick<TenantConfig, 'features'>, statement: Statement): string {
  const word =
    tenant.features.statementTabName
      .toLowerCase()
      .replace(/[æøå]/g, (letter) => ASCII_OF[letter])
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'kontoudskrift';
  return `${word}-${statement.period.from}-${statement.period.to}`;
}

function contextOf(tenant: TenantConfig, locale: Locale, printedAt: Date): StatementFileContext {
  return { title: tenant.features.statementTabName, productName: tenant.productName, locale, printedAt };
}

export function statementCsvFile(
  tenant: TenantConfig,
  statement: Statement,
  locale: Locale,
  printedAt = new Date(),
): StatementFile {
  return {
    filename: `${statementFileName(tenant, statement)}.csv`,
    contentType: 'text/csv; charset=utf-8',
    body: statementCsv(statement, contextOf(tenant, locale, printedAt)),
  };
}

/** The PDF in the tenant's colours, with its logo when the theme has one a PDF can draw. */
export async function statementPdfFile(
  tenant: TenantConfig,
  statement: Statement,
  locale: Locale,
  printedAt = new Date(),
): Promise<StatementFile> {
  const { primaryColor, accentColor, textColor } = tenant.theme;
  const logo = await tenantLogo(tenant);
  const body = await statementPdf(statement, contextOf(tenant, locale, printedAt), {
    displayName: tenant.displayName,
    primaryColor,
    accentColor,
    textColor,
    logo,
  });
  return { filename: `${statementFileName(tenant, statement)}.pdf`, contentType: 'application/pdf', body };
}
