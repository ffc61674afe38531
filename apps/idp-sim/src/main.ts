import { DEMO_OIDC_CLIENT_SECRET } from '@kk/config';
import { startIdpSim, type StartIdpSimOptions } from './create-idp-sim';

export { startIdpSim, type IdpSimClient, type RunningIdpSim, type StartIdpSimOptions } from './create-idp-sim';
export { TEST_CITIZENS, TEST_CITIZEN_SUBS, findTestCitizen, type TestCitizen } from './test-citizens';

const DEFAULT_PORT = 3003;
const GLADSAXE_CLIENT_ID = 'gladsaxekortet';
const GLADSAXE_REDIRECT_URI = 'http://gladsaxekortet.localhost:3000/auth/oidc/callback';

/**
 * The demo's broker from the environment: IDP_SIM_PORT (3003), IDP_SIM_ISSUER (defaults to
 * http://localhost:<port>), the gladsaxekortet client with GLADSAXE_OIDC_CLIENT_SECRET and
 * more redirect URIs in IDP_SIM_REDIRECT_URIS (comma-separated), IDP_SIM_KEY_FILE to keep
 * the signing key across restarts.
 */
export function idpSimOptionsFromEnv(env: NodeJS.ProcessEnv): StartIdpSimOptions {
  const port = parsePort(env.IDP_SIM_PORT);
  const extraRedirectUris = (env.IDP_SIM_REDIRECT_URIS ?? '')
    .split(',')
    .map((uri) => uri.trim())
    .filter((uri) => uri !== '');
  return {
    port,
    issuer: env.IDP_SIM_ISSUER || undefined,
    signingKeyFile: env.IDP_SIM_KEY_FILE || undefined,
    clients: [
      {
        clientId: GLADSAXE_CLIENT_ID,
        clientSecret: env.GLADSAXE_OIDC_CLIENT_SECRET || DEMO_OIDC_CLIENT_SECRET,
        redirectUris: [...new Set([GLADSAXE_REDIRECT_URI, ...extraRedirectUris])],
      },
    ],
  };
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`IDP_SIM_PORT is not a port: ${value}`);
  return port;
}

async function main(): Promise<void> {
  const sim = await startIdpSim(idpSimOptionsFromEnv(process.env));
  // spawnIdpSim waits for this line.
  process.stdout.write(`MitID broker stand-in (OIDC) listening on ${sim.issuer}\n`);
  const shutdown = (): void => {
    void sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  if (process.env.IDP_SIM_EXIT_WITH_STDIN === '1') {
    // Started by spawnIdpSim: a killed test run closes the pipe, and no orphan keeps the port.
    process.stdin.once('close', shutdown);
    process.stdin.resume();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
