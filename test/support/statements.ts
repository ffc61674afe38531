import { randomBytes, randomUUID } from 'node:crypto';
import PDFParser from 'pdf2json';
import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import { systemAccountId, type SystemAccountKind } from '@kk/ledger';
import { PosAuthorizationService, type PurchaseResponse, type ReversalOutcome, type Till } from '@kk/pos-authorization';
import { createTill, createUnit } from './pos-factories';

/**
 * The statement ("Kontoudskrift" / "Rapporter") for every tier's specs: histories at chosen
 * times through the real ledger paths, and the downloaded files read back as a parent's
 * spreadsheet and PDF reader would.
 */

/** A till whose clock the spec sets: purchases and reversals through pos_purchase / pos_reverse at `at`. */
export interface ClockedTill {
  readonly till: Till;
  readonly tillName: string;
  readonly unitName: string;
  buy(cardNumber: string, amount: number, at: Date, description?: string | null): Promise<PurchaseResponse>;
  reverse(purchaseId: string, at: Date): Promise<ReversalOutcome>;
}

export async function clockedTill(
  ds: DataSource,
  tenantId: string,
  options: { readonly unitName?: string } = {},
): Promise<ClockedTill> {
  const unitName = options.unitName ?? `Kantine ${randomBytes(3).toString('hex')}`;
  const unitId = await createUnit(ds, tenantId, unitName);
  const created = await createTill(ds, tenantId, unitId);
  const [row] = await inTenant(ds, tenantId, (tx) =>
    tx.query<{ name: string }>('SELECT name FROM tills WHERE tenant_id = $1 AND id = $2', [tenantId, created.tillId]),
  );
  const till: Till = { tenantId, tillId: created.tillId, unitId, name: row.name };
  let now = new Date();
  const pos = new PosAuthorizationService(
    { query: <T>(sql: string, params?: unknown[]) => ds.query<T[]>(sql, params) },
    { lowBalanceThreshold: () => 0, clock: () => now },
  );
  return {
    till,
    tillName: row.name,
    unitName,
    buy: async (cardNumber, amount, at, description = 'Frokost') => {
      now = at;
      const outcome = await pos.purchase(till, {
        idempotencyKey: `stmt-${randomUUID()}`,
        cardNumber,
        amount,
        description,
      });
      if (outcome.kind === 'key_reused') throw new Error('key reused');
      return outcome.response;
    },
    reverse: (purchaseId, at) => {
      now = at;
      return pos.reverse(till, purchaseId);
    },
  };
}

/**
 * Cash paid in at the office at a past time: the ledger's cash deposit (wallet gains, cash_office
 * gives) written as postTransaction writes it, but dated. postTransaction stamps now(), and a
 * history that starts before the period needs money in before its purchases.
 */
export async function backdatedCashDeposit(
  ds: DataSource,
  tenantId: string,
  accountId: string,
  amount: number,
  at: Date,
  description = 'Kontant indbetaling',
): Promise<void> {
  await backdatedCredit(ds, tenantId, accountId, amount, at, {
    kind: 'cash_deposit',
    from: 'cash_office',
    description,
  });
}

/**
 * Money into the wallet from one of the tenant's system accounts at a past time, under any
 * transaction kind: e.g. a returned payout (`payout_rejected` from payout_clearing), a kind the
 * statement knows only by its other side.
 */
export async function backdatedCredit(
  ds: DataSource,
  tenantId: string,
  accountId: string,
  amount: number,
  at: Date,
  booking: { readonly kind: string; readonly from: SystemAccountKind; readonly description?: string },
): Promise<void> {
  await inTenant(ds, tenantId, async (tx) => {
    const from = await systemAccountId(tx, booking.from);
    const [transaction] = await tx.query<{ id: string }>(
      `INSERT INTO ledger_transactions (tenant_id, kind, idempotency_key, description, created_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [tenantId, booking.kind, `test-backdated:${randomUUID()}`, booking.description ?? null, at],
    );
    await tx.query(
      `INSERT INTO postings (tenant_id, transaction_id, ledger_account_id, amount, created_at)
       VALUES ($1, $2, $3, $4, $6), ($1, $2, $5, -$4::bigint, $6)`,
      [tenantId, transaction.id, accountId, amount, from, at],
    );
    await tx.query(`UPDATE ledger_accounts SET balance = balance + $3 WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      accountId,
      amount,
    ]);
  });
}

export interface ParsedCsv {
  /** Whether the bytes began with the UTF-8 byte-order mark. */
  readonly bom: boolean;
  readonly rows: string[][];
}

/** Semicolon CSV read as RFC 4180 says (quoted fields, doubled quotes, CRLF) — the way Excel reads it. */
export function parseCsv(bytes: Buffer): ParsedCsv {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.subarray(bom ? 3 : 0).toString('utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === ';') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else if (char === '\n') throw new Error(`a bare LF at ${i}: lines must end in CRLF`);
    else cell += char;
  }
  if (cell !== '' || row.length > 0) throw new Error('the last line has no CRLF');
  return { bom, rows };
}

/** Kroner as the page, the CSV or the PDF writes them ("-1.234,50 kr.", "-1234,50") in øre. */
export function oreOf(text: string): number {
  const match = /^(-?)([\d.]+),(\d{2})(?:\s*kr\.)?$/.exec(text.replace(/\u00a0/g, ' ').trim());
  if (!match) throw new Error(`not an amount: ${JSON.stringify(text)}`);
  const ore = Number(match[2].replace(/\./g, '')) * 100 + Number(match[3]);
  return match[1] === '-' ? -ore : ore;
}

/** A PDF's text, page by page, as pdf2json extracts it (lines in the order it finds them). */
export function pdfText(pdf: Buffer): Promise<string[]> {
  const parser = new PDFParser(null, true);
  return new Promise<string[]>((resolve, reject) => {
    parser.on('pdfParser_dataError', (error) => reject(error instanceof Error ? error : error.parserError));
    parser.on('pdfParser_dataReady', () => {
      const pages = parser.getRawTextContent().split(/-+Page \(\d+\) Break-+/);
      resolve(pages.slice(0, -1).map((page) => page.replace(/\r\n/g, '\n').trim()));
    });
    parser.parseBuffer(pdf, 0);
  });
}
