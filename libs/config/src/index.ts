export { envSchema, type Env, type RunMode } from './env.schema';
export {
  loadEnv,
  EnvConfigError,
  isDemoSecret,
  isRelaxedMode,
  trustProxySetting,
  publicOrigin,
  DEMO_OIDC_CLIENT_SECRET,
  DEMO_PAYMENT_KEYS,
} from './load-env';
