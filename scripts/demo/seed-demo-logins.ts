import { randomBytes } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { CARDHOLDER_ENTITIES, CardholdersModule, type CprCipher } from '@kk/cardholders';
import { inTenant } from '@kk/database';
import { TenantDatabaseModule } from '@kk/tenant-database';
import {
  IDENTITY_ENTITIES,
  IdentityModule,
  LoginEntity,
  PasswordHasher,
  SignupActivationService,
  SignupService,
  TotpSecretBox,
} from '@kk/identity';
import { EmailOutbox, EmailSealer } from '@kk/notifications';
import { tenantIdFromSlug } from '@kk/tenancy';

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

// The identity lib's services over a connection of their own (the context closes it). The
// sign-up sends no e-mail and turns on no second factor, so those keys are throwaway ones.
@Module({})
class DemoIdentityModule {
  static with(dataSource: DataSource, cprCipher: CprCipher): DynamicModule {
    const throwaway = () => randomBytes(32).toString('base64');
    return {
      module: DemoIdentityModule,
      imports: [
        TenantDatabaseModule.forRoot({ dataSource }),
        CardholdersModule.forRoot({ cprCipher }),
        IdentityModule.forRoot({
          passwordHasher: new PasswordHasher(),
          totpSecretBox: new TotpSecretBox(throwaway()),
          emailOutbox: new EmailOutbox(EmailSealer.fromSecret(throwaway())),
        }),
      ],
    };
  }
}

export async function seedDemoLogins(ds: DataSource, cipher: CprCipher): Promise<DemoLogin[]> {
  const p = SCTIBS_PARENT;
  const own = await new DataSource({
    ...ds.options,
    entities: [...CARDHOLDER_ENTITIES, ...IDENTITY_ENTITIES],
  }).initialize();
  const exists = await inTenant(own, p.tenant, (tx) =>
    tx.manager.getRepository(LoginEntity).existsBy({ tenantId: p.tenant, email: p.email }),
  );
  if (exists) {
    await own.destroy();
    return [demoLogin(p)];
  }
  const app = await NestFactory.createApplicationContext(DemoIdentityModule.with(own, cipher), { logger: false });
  try {
    const signups = app.get(SignupService);
    const activation = app.get(SignupActivationService);
    const caller = { tenantId: tenantIdFromSlug(p.tenant) };
    const started = await signups.start(caller, { cpr: p.studentCpr, email: p.email });
    if (!started.ok) throw new Error(`demo sign-up: ${started.message}`);
    const confirmed = await signups.confirmStudent(caller, started.signupId, {
      name: p.sees,
      cardNumber: p.studentCard,
    });
    if (!confirmed.ok) throw new Error(`demo sign-up: ${confirmed.message}`);
    if (confirmed.kind !== 'activation') throw new Error('demo sign-up: the email already has a login');
    const verified = await activation.verifyCode(caller, started.signupId, confirmed.activationCode);
    if (!verified.ok) throw new Error(`demo sign-up: ${verified.message}`);
    const done = await activation.complete(caller, started.signupId, p.password, p.password);
    if (!done.ok) throw new Error(`demo sign-up: ${done.message}`);
    return [demoLogin(p)];
  } finally {
    // TypeOrmModule destroys `own` with the context.
    await app.close();
  }
}

function demoLogin(p: typeof SCTIBS_PARENT): DemoLogin {
  return { tenant: p.tenant, email: p.email, password: p.password, sees: p.sees };
}
