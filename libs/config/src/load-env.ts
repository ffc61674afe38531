import { envSchema, type Env } from './env.schema';

export class EnvConfigError extends Error {}

/** Validates the environment once; a bad value stops start-up naming the variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  if (result.data.NODE_ENV === 'production') {
    const missing = ['CPR_ENCRYPTION_KEY', 'CPR_HMAC_KEY', 'SESSION_SECRET'].filter((name) => !source[name]);
    if (missing.length) {
      throw new EnvConfigError(
        `Invalid environment:\n${missing.map((m) => `  ${m}: required in production`).join('\n')}`,
      );
    }
  }
  return result.data;
}
