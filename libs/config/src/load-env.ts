import { envSchema, type Env } from './env.schema';

export class EnvConfigError extends Error {}

/** Validates the environment once; a bad value stops start-up naming the variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  if (result.data.NODE_ENV === 'production' && !source.CPR_ENCRYPTION_KEY) {
    throw new EnvConfigError('Invalid environment:\n  CPR_ENCRYPTION_KEY: required in production');
  }
  return result.data;
}
