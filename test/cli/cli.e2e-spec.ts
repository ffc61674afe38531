import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Client } from 'pg';
import {
  minimalTenantYaml,
  openAdminClient,
  testEnv,
  uniqueSlug,
  writeTenantsDir,
  type TenantFolder,
} from '@kk/testing';

/** The compiled CLI, as `npm run cli` runs it: build first (`npm run -s build`). */
const CLI = resolve(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed; the contract is exactly one JSON object. */
  json: Record<string, unknown>;
}

jest.setTimeout(60_000);

describe('CLI (compiled, against the test database)', () => {
  const slug = uniqueSlug('cli');
  const other = uniqueSlug('cli');
  let dir: string;
  let tenantsDir: string;
  let admin: Client;

  function cli(...args: string[]): Promise<CliRun> {
    const env = {
      ...process.env,
      DATABASE_URL: testEnv().adminUrl,
      APP_DB_PASSWORD: testEnv().appPassword,
      TENANTS_DIR: tenantsDir,
    };
    return new Promise((done, fail) => {
      const child = spawn(process.execPath, [CLI, ...args], { env, cwd: dir });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', fail);
      child.on('close', (code) => {
        let json: Record<string, unknown> = {};
        if (stdout !== '') {
          // One object on one line: a stray log line would make this throw.
          expect(stdout.endsWith('\n') && stdout.indexOf('\n') === stdout.length - 1).toBe(true);
          json = JSON.parse(stdout) as Record<string, unknown>;
        }
        done({ code, stdout, stderr, json });
      });
    });
  }

  async function expectFailure(run: Promise<CliRun>, message: RegExp): Promise<void> {
    const { code, stdout, stderr } = await run;
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  }

  function cliTenant(tenantSlug: string, displayName: string): TenantFolder {
    return {
      slug: tenantSlug,
      config: minimalTenantYaml(tenantSlug, {
        displayName,
        hosts: [`${tenantSlug}.localhost`, `${tenantSlug}.example.dk`],
        cardNumber: { pattern: '[0-9]{16}', invalidMessage: 'Ugyldigt Kortnummer' },
        support: { text: 'Kontakt skolen' },
      }),
    };
  }

  function writeCsv(name: string, content: string): string {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  }

  const count = async (table: string, tenant = slug): Promise<number> => {
    const result = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [
      tenant,
    ]);
    return result.rows[0].n;
  };

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run -s build\` first`);
    dir = mkdtempSync(join(tmpdir(), 'kk-cli-'));
    tenantsDir = writeTenantsDir([cliTenant(slug, 'CLI Skole'), cliTenant(other, 'Anden Skole')]);
    admin = await openAdminClient();
  });

  afterAll(async () => {
    await admin?.end();
    rmSync(dir, { recursive: true, force: true });
    rmSync(tenantsDir, { recursive: true, force: true });
  });

  it('tenants:list prints the configured tenants', async () => {
    const { code, json, stderr } = await cli('tenants:list');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(json).toEqual({
      tenants: [
        { slug, name: 'CLI Skole', hosts: [`${slug}.localhost`, `${slug}.example.dk`] },
        { slug: other, name: 'Anden Skole', hosts: [`${other}.localhost`, `${other}.example.dk`] },
      ].sort((a, b) => a.slug.localeCompare(b.slug)),
    });
  });

  it('units:create and tills:create make a unit and a till whose key is stored only hashed', async () => {
    const unit = await cli('units:create', slug, 'Kantinen');
    expect(unit.code).toBe(0);
    expect(unit.json).toEqual({ id: expect.stringMatching(UUID), name: 'Kantinen' });

    await expectFailure(cli('units:create', slug, 'Kantinen'), /already has a unit named "Kantinen"/);

    const till = await cli('tills:create', slug, 'Kasse 1', '--unit', String(unit.json.id));
    expect(till.code).toBe(0);
    expect(till.json).toEqual({
      id: expect.stringMatching(UUID),
      name: 'Kasse 1',
      unitId: unit.json.id,
      apiKey: expect.stringMatching(new RegExp(`^kk_${slug}_[A-Za-z0-9_-]{43}$`)),
    });
    const stored = await admin.query<{ api_key_hash: Buffer }>(
      `SELECT api_key_hash FROM tills WHERE tenant_id = $1 AND id = $2`,
      [slug, till.json.id],
    );
    const expected = createHash('sha256').update(String(till.json.apiKey)).digest();
    expect(stored.rows[0].api_key_hash.equals(expected)).toBe(true);

    await expectFailure(
      cli('tills:create', slug, 'Kasse 2', '--unit', '00000000-0000-4000-8000-000000000000'),
      /has no unit 00000000-0000-4000-8000-000000000000/,
    );
    await expectFailure(cli('tills:create', slug, 'Kasse 2', '--unit', 'kantinen'), /--unit must be an id/);
    await expectFailure(cli('tills:create', slug, 'Kasse 2'), /required option '--unit <unit-id>'/);
    expect(await count('tills')).toBe(1);
  });

  describe('cardholders:import and accounts:credit', () => {
    const goodCsv =
      '\ufeffCPR;Name;Card_Number;Email\n' +
      '010190-1234;Anna Hansen;1111 2222 3333 4444;anna@example.dk\n' +
      '0202051234;Bo Jensen;5555666677778888;\n';

    it('imports a file once; the same file again changes nothing', async () => {
      const file = writeCsv('pupils.csv', goodCsv);
      const first = await cli('cardholders:import', slug, file);
      expect(first.code).toBe(0);
      expect(first.json).toEqual({ created: 2, updated: 0, errors: [] });

      const again = await cli('cardholders:import', slug, file);
      expect(again.code).toBe(0);
      expect(again.json).toEqual({ created: 0, updated: 0, errors: [] });
      expect(await count('cardholders')).toBe(2);
      expect(await count('cards')).toBe(2);
    });

    it('imports nothing from a file with bad lines, lists each one and exits non-zero', async () => {
      const file = writeCsv(
        'bad.csv',
        'cpr,name,card_number\n' +
          '0303031234,Carl Berg,9999000099990000\n' +
          '3102901234,Bad Date,2222333344445555\n' +
          '0404041234,,123\n' +
          '0505051234,Dorte,1111222233334444\n',
      );
      const { code, json, stderr } = await cli('cardholders:import', slug, file);
      expect(code).not.toBe(0);
      expect(json).toEqual({
        created: 0,
        updated: 0,
        errors: [
          { line: 3, message: 'CPR-nummeret indeholder ikke en gyldig dato' },
          { line: 4, message: 'Navnet mangler; Ugyldigt Kortnummer' },
          { line: 5, message: 'Kortnummeret tilhører en anden kortholder' },
        ],
      });
      expect(stderr).toMatch(/Nothing imported: .*3 bad lines/);
      expect(await count('cardholders')).toBe(2);
    });

    it('never prints a CPR number', async () => {
      const file = writeCsv(
        'dup.csv',
        'cpr,name,card_number\n0101901234,A,1234123412341234\n010190-1234,B,4321432143214321\n',
      );
      const { stdout, stderr } = await cli('cardholders:import', slug, file);
      expect(stdout).toContain('CPR-nummeret står også på linje 3');
      expect(stdout + stderr).not.toMatch(/\d{6}-?\d{4}/);
    });

    it('refuses a missing file', async () => {
      await expectFailure(
        cli('cardholders:import', slug, join(dir, 'nope.csv')),
        /Cannot read .*nope\.csv: no such file/,
      );
    });

    it('credits an active card and prints the new balance', async () => {
      const first = await cli(
        'accounts:credit',
        slug,
        '1111 2222 3333 4444',
        '5000',
        '--reason',
        'Kontant på kontoret',
      );
      expect(first.code).toBe(0);
      expect(first.json).toEqual({ transactionId: expect.stringMatching(UUID), balance: 5000 });

      const second = await cli('accounts:credit', slug, '1111222233334444', '2550', '--reason', 'Kontant');
      expect(second.json).toEqual({ transactionId: expect.stringMatching(UUID), balance: 7550 });
      expect(second.json.transactionId).not.toBe(first.json.transactionId);

      const postings = await admin.query<{ kind: string; amount: string }>(
        `SELECT la.kind, p.amount FROM postings p
           JOIN ledger_accounts la ON la.tenant_id = p.tenant_id AND la.id = p.ledger_account_id
          WHERE p.tenant_id = $1 AND p.transaction_id = $2 ORDER BY p.amount`,
        [slug, first.json.transactionId],
      );
      expect(postings.rows).toEqual([
        { kind: 'cash_office', amount: '-5000' },
        { kind: 'wallet', amount: '5000' },
      ]);
    });

    it('refuses a bad amount, an unknown, blocked or replaced card, and changes nothing', async () => {
      const before = await count('ledger_transactions');
      for (const amount of ['0', '-100', '12.50', '1e3', 'abc', '10000001']) {
        await expectFailure(
          cli('accounts:credit', slug, '1111222233334444', amount, '--reason', 'x'),
          /amount must be a whole number of øre/,
        );
      }
      await expectFailure(
        cli('accounts:credit', slug, '9999888877776666', '100', '--reason', 'x'),
        /Card 9999888877776666 is unknown/,
      );
      await expectFailure(
        cli('accounts:credit', slug, '1111222233334444', '100', '--reason', '  '),
        /--reason must not be empty/,
      );

      await admin.query(`UPDATE cards SET status = 'blocked' WHERE tenant_id = $1 AND card_number = $2`, [
        slug,
        '5555666677778888',
      ]);
      await expectFailure(cli('accounts:credit', slug, '5555666677778888', '100', '--reason', 'x'), /is blocked/);

      const replaced = await cli(
        'cardholders:import',
        slug,
        writeCsv('new-card.csv', 'cpr,name,card_number\n0101901234,Anna Hansen,4444333322221111\n'),
      );
      expect(replaced.json).toEqual({ created: 0, updated: 1, errors: [] });
      await expectFailure(
        cli('accounts:credit', slug, '1111222233334444', '100', '--reason', 'x'),
        /has been replaced by a newer card/,
      );
      expect(await count('ledger_transactions')).toBe(before);

      // The balance moved with the account to the new card.
      const credit = await cli('accounts:credit', slug, '4444333322221111', '50', '--reason', 'x');
      expect(credit.json.balance).toBe(7600);
    });

    it('moves the money once when a credit is repeated with the same --idempotency-key', async () => {
      const args = [
        'accounts:credit',
        slug,
        '4444333322221111',
        '100',
        '--reason',
        'Kontant',
        '--idempotency-key',
        'desk-42',
      ];
      const first = await cli(...args);
      const again = await cli(...args);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(again.code).toBe(0);
      expect(again.json).toEqual(first.json);
      expect(first.json.balance).toBe(7700);
      const bad = await cli(
        'accounts:credit',
        slug,
        '1111222233334444',
        '100',
        '--reason',
        'x',
        '--idempotency-key',
        'a b',
      );
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/--idempotency-key/);
    });
  });

  it('admins:create stores a one-time token hash and prints a link on the tenant host', async () => {
    const { code, json } = await cli('admins:create', slug, ' Sekretaer@Skole.DK ');
    expect(code).toBe(0);
    expect(json).toEqual({
      email: 'sekretaer@skole.dk',
      setPasswordUrl: expect.stringMatching(
        new RegExp(`^http://${slug}\\.localhost:3000/admin/set-password\\?token=[A-Za-z0-9_-]{43}$`),
      ),
    });
    const token = new URL(String(json.setPasswordUrl)).searchParams.get('token') ?? '';
    const stored = await admin.query<{ hash: Buffer; days: number }>(
      `SELECT set_password_token_hash AS hash,
              round(extract(epoch FROM set_password_expires_at - now()) / 86400)::int AS days
         FROM admins WHERE tenant_id = $1 AND email = $2`,
      [slug, 'sekretaer@skole.dk'],
    );
    expect(stored.rows[0].hash.equals(createHash('sha256').update(token).digest())).toBe(true);
    expect(stored.rows[0].days).toBe(7);

    // Again before a password is set: a fresh link, and the old one stops working.
    const again = await cli('admins:create', slug, 'sekretaer@skole.dk');
    const newToken = new URL(String(again.json.setPasswordUrl)).searchParams.get('token') ?? '';
    expect(newToken).not.toBe(token);
    const reissued = await admin.query<{ hash: Buffer }>(
      `SELECT set_password_token_hash AS hash FROM admins WHERE tenant_id = $1`,
      [slug],
    );
    expect(reissued.rows[0].hash.equals(createHash('sha256').update(newToken).digest())).toBe(true);

    await admin.query(`UPDATE admins SET password_hash = 'set' WHERE tenant_id = $1`, [slug]);
    await expectFailure(cli('admins:create', slug, 'sekretaer@skole.dk'), /already an admin .* has a password/);
    await expectFailure(cli('admins:create', slug, 'not-an-email'), /is not an email address/);
    expect(await count('admins')).toBe(1);
  });

  it('refuses an unknown tenant and bad usage with a message on stderr only', async () => {
    await expectFailure(cli('units:create', 'no-such-tenant', 'Kantinen'), /Unknown tenant "no-such-tenant"/);
    await expectFailure(
      cli('accounts:credit', 'no-such-tenant', '1111222233334444', '100', '--reason', 'x'),
      /Unknown tenant/,
    );
    await expectFailure(cli('admins:create', 'no-such-tenant', 'a@b.dk'), /Unknown tenant/);
    await expectFailure(cli('no:such-command'), /unknown command/);
    await expectFailure(cli('units:create', slug), /missing required argument 'name'/);
    expect(await count('units', other)).toBe(0);
  });
});
