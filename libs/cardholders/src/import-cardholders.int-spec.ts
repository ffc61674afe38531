import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import { createTestTenant, openAdminClient, openAppDataSource } from '@kk/testing';
import { CprCipher } from './cpr-cipher';
import { createCardholderWithAccount } from './create-cardholder';
import { importCardholders, type ImportCardholdersResult } from './import-cardholders';

const cipher = new CprCipher(randomBytes(32).toString('base64'), randomBytes(32).toString('base64'));
const sixteenDigits = { pattern: '[0-9]{16}', invalidMessage: 'Ugyldigt Kortnummer' };

interface StoredRow {
  cardholder_id: string;
  name: string;
  email: string | null;
  address: string | null;
  updated_at: Date;
  account_id: string;
  card_number: string;
  status: string;
  balance: string;
}

describe('importCardholders (PostgreSQL)', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = await openAppDataSource();
  });

  afterAll(async () => {
    await ds.destroy();
  });

  const runImport = (tenant: string, csv: string): Promise<ImportCardholdersResult> =>
    inTenant(ds, tenant, (tx) => importCardholders(tx, cipher, csv, { cardNumber: sixteenDigits }));

  const stored = (tenant: string): Promise<StoredRow[]> =>
    inTenant(ds, tenant, (tx) =>
      tx.query<StoredRow>(
        `SELECT ch.id AS cardholder_id, ch.name, ch.email, ch.address, ch.updated_at,
                a.id AS account_id, c.card_number, c.status, w.balance
           FROM cardholders ch
           JOIN accounts a ON a.tenant_id = ch.tenant_id AND a.cardholder_id = ch.id
           JOIN cards c ON c.tenant_id = a.tenant_id AND c.account_id = a.id
           JOIN ledger_accounts w ON w.tenant_id = a.tenant_id AND w.id = a.id AND w.kind = 'wallet'
          ORDER BY ch.name, c.created_at`,
      ),
    );

  const goodFile =
    'cpr;name;card_number;email;address\n' +
    '010190-1234;Anna Hansen;1111 2222 3333 4444;anna@example.dk;Skolevej 1\n' +
    '0202051234;Bo Jensen;5555666677778888;;\n';

  it('creates cardholders, accounts, wallets at 0 and active cards, with the CPR only encrypted', async () => {
    const tenant = await createTestTenant(ds);
    expect(await runImport(tenant, goodFile)).toEqual({ created: 2, updated: 0, errors: [] });

    const rows = await stored(tenant);
    expect(rows.map((r) => [r.name, r.email, r.address, r.card_number, r.status, r.balance])).toEqual([
      ['Anna Hansen', 'anna@example.dk', 'Skolevej 1', '1111222233334444', 'active', '0'],
      ['Bo Jensen', null, null, '5555666677778888', 'active', '0'],
    ]);

    const admin = await openAdminClient();
    try {
      const raw = await admin.query<{ name: string; cpr_encrypted: Buffer; cpr_hmac: Buffer }>(
        `SELECT name, cpr_encrypted, cpr_hmac FROM cardholders WHERE tenant_id = $1 ORDER BY name`,
        [tenant],
      );
      const [anna] = raw.rows;
      for (const column of [anna.cpr_encrypted, anna.cpr_hmac]) {
        for (const encoding of ['latin1', 'utf8', 'hex'] as const) {
          expect(column.toString(encoding)).not.toContain('0101901234');
          expect(column.toString(encoding)).not.toContain('010190');
        }
      }
      expect(cipher.decrypt(anna.cpr_encrypted)).toBe('0101901234');
      expect(anna.cpr_hmac.equals(cipher.blindIndex('0101901234'))).toBe(true);
    } finally {
      await admin.end();
    }
  });

  it('changes nothing when the same file is imported again', async () => {
    const tenant = await createTestTenant(ds);
    await runImport(tenant, goodFile);
    const before = await stored(tenant);
    expect(await runImport(tenant, goodFile)).toEqual({ created: 0, updated: 0, errors: [] });
    expect(await stored(tenant)).toEqual(before);
  });

  it('imports nothing from a file with bad lines and lists each bad line by number', async () => {
    const tenant = await createTestTenant(ds);
    await runImport(tenant, 'cpr,name,card_number\n0303031234,Carl Berg,9999000099990000\n');
    const before = await stored(tenant);

    const result = await runImport(
      tenant,
      'cpr,name,card_number,email\n' +
        '0101901234,Anna Hansen,1111222233334444,anna@example.dk\n' + // 2: fine
        '3102901234,Bad Date,2222333344445555,\n' + // 3: no 31 February
        '0404041234,,123,\n' + // 4: no name, card too short
        '0505051234,Dorte,9999000099990000,\n' + // 5: Carl's card
        '0606061234,Eva,7777888877778888,eva@\n' + // 6: bad email
        '0707071234,Finn,6666777766667777\n' + // 7: too few fields
        '0808081234,Gro,1111222233334444,\n', // 8: Anna's card, in the same file
    );

    expect(result.created).toBe(0);
    expect(result.updated).toBe(0);
    expect(result.errors).toEqual([
      { line: 2, message: 'Kortnummeret står også på linje 8' },
      { line: 3, message: 'CPR-nummeret indeholder ikke en gyldig dato' },
      { line: 4, message: 'Navnet mangler; Ugyldigt Kortnummer' },
      { line: 5, message: 'Kortnummeret tilhører en anden kortholder' },
      { line: 6, message: 'E-mailadressen er ugyldig' },
      { line: 7, message: 'Linjen har 3 felter, men overskriften har 4' },
      { line: 8, message: 'Kortnummeret står også på linje 2' },
    ]);
    expect(await stored(tenant)).toEqual(before);
  });

  it('updates a known cardholder and replaces the card when the number changes', async () => {
    const tenant = await createTestTenant(ds);
    await runImport(tenant, goodFile);
    const [anna] = await stored(tenant);

    const result = await runImport(
      tenant,
      // No email column: the stored email stays; Bo is unchanged and counted in neither.
      'name,cpr,card_number,address\n' +
        'Anna B. Hansen,0101901234,4444333322221111,Skolevej 2\n' +
        'Bo Jensen,0202051234,5555666677778888,\n',
    );
    expect(result).toEqual({ created: 0, updated: 1, errors: [] });

    const annaCards = (await stored(tenant)).filter((r) => r.cardholder_id === anna.cardholder_id);
    expect(annaCards.map((r) => [r.name, r.email, r.address, r.card_number, r.status, r.account_id])).toEqual([
      ['Anna B. Hansen', 'anna@example.dk', 'Skolevej 2', '1111222233334444', 'replaced', anna.account_id],
      ['Anna B. Hansen', 'anna@example.dk', 'Skolevej 2', '4444333322221111', 'active', anna.account_id],
    ]);

    // The old card number is never given out again, not even to its old holder.
    const back = await runImport(tenant, 'cpr,name,card_number\n0101901234,Anna B. Hansen,1111222233334444\n');
    expect(back.errors).toEqual([
      { line: 2, message: 'Kortnummeret er erstattet af et nyere kort og kan ikke bruges igen' },
    ]);
  });

  it('sees only its own tenant: the same CPR and card number are new in another tenant', async () => {
    const first = await createTestTenant(ds);
    const second = await createTestTenant(ds);
    await runImport(first, goodFile);
    expect(await runImport(second, goodFile)).toEqual({ created: 2, updated: 0, errors: [] });
  });

  it('createCardholderWithAccount makes one cardholder with konto, wallet and active card', async () => {
    const tenant = await createTestTenant(ds);
    const created = await inTenant(ds, tenant, (tx) =>
      createCardholderWithAccount(tx, cipher, { cpr: '010190-1234', name: 'Anna', cardNumber: 'ab 12' }),
    );
    expect(created.cardNumber).toBe('AB12');
    const [row] = await stored(tenant);
    expect(row).toMatchObject({
      cardholder_id: created.cardholderId,
      account_id: created.accountId,
      card_number: 'AB12',
      status: 'active',
      balance: '0',
    });
  });
});
