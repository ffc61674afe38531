import type { DataSource } from 'typeorm';
import type { CprCipher } from '@kk/cardholders';
import { inTenant } from '@kk/database';
import { completeSignup, confirmStudent, PasswordHasher, startSignup, verifyActivationCode } from '@kk/identity';

export interface DemoLogin {
  readonly tenant: string;
  readonly email: string;
  readonly password: string;
  readonly sees: string;
}

/** Sct. Ibs' demo parent, signed up through the real sign-up steps (seed 000, steps 1–7). */
const SCTIBS_PARENT = {
  tenant: 'sctibs',
  email: 'forælder@example.dk',
  password: 'Kantine-demo-2026',
  studentCpr: '0103124123',
  studentCard: '1000200030004001',
  sees: 'Alma Jensen',
};

export async function seedDemoLogins(ds: DataSource, cipher: CprCipher): Promise<DemoLogin[]> {
  const p = SCTIBS_PARENT;
  await inTenant(ds, p.tenant, async (tx) => {
    const existing = await tx.query('SELECT 1 FROM logins WHERE tenant_id = $1 AND email = $2', [p.tenant, p.email]);
    if (existing.length > 0) return;
    const started = await startSignup(tx, cipher, { cpr: p.studentCpr, email: p.email });
    if (!started.ok) throw new Error(`demo sign-up: ${started.message}`);
    const confirmed = await confirmStudent(tx, started.signupId, { name: p.sees, cardNumber: p.studentCard });
    if (!confirmed.ok) throw new Error(`demo sign-up: ${confirmed.message}`);
    if (confirmed.kind !== 'activation') throw new Error('demo sign-up: the email already has a login');
    const verified = await verifyActivationCode(tx, started.signupId, confirmed.activationCode);
    if (!verified.ok) throw new Error(`demo sign-up: ${verified.message}`);
    const done = await completeSignup(tx, new PasswordHasher(), started.signupId, p.password, p.password);
    if (!done.ok) throw new Error(`demo sign-up: ${done.message}`);
  });
  return [{ tenant: p.tenant, email: p.email, password: p.password, sees: p.sees }];
}
