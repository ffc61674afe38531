export { envSchema, type Env } from './env.schema';
export { loadEnv, EnvConfigError } from './load-env';
