import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GatewaySimCore } from './gateway-sim-core';
import { GatewaySimModule } from './gateway-sim.module';
import { resolveOptions, type GatewaySimOptions } from './gateway-sim-options';
import type { GatewaySimControls } from './test-controls/gateway-sim-controls';

export interface RunningGatewaySim {
  /** The origin, e.g. http://localhost:3002: the base URL of both providers' APIs and the hosted pages. */
  readonly url: string;
  /** The test controls, in process: the same as the /_sim routes. */
  readonly controls: GatewaySimControls;
  stop(): Promise<void>;
}

/**
 * Starts the payment-gateway stand-in: Nexi Checkout's Payment API v1 and Vipps MobilePay's
 * Access Token, ePayment and Webhooks APIs, their hosted pages, and the /_sim test controls.
 * Everything is in memory. For demo and tests only; jest files may start it in-process.
 */
export async function startGatewaySim(options: GatewaySimOptions): Promise<RunningGatewaySim> {
  const resolved = resolveOptions(options);
  const core = new GatewaySimCore(resolved);
  const app = await NestFactory.create<NestExpressApplication>(
    GatewaySimModule.forRoot(core, { testControls: resolved.testControls }),
    // Our own parsers below; throw instead of exiting, so the caller sees a failed start.
    { bodyParser: false, abortOnError: false, logger: resolved.logger ? ['error', 'warn'] : false },
  );
  app.disable('x-powered-by');
  // Some Nexi clients send `application/*+json`, which the API accepts.
  app.useBodyParser('json', { type: ['application/json', 'application/*+json'], limit: '1mb' });
  app.useBodyParser('urlencoded', { extended: false, limit: '64kb' });
  // No host: both IPv4 and IPv6 loopback, since "localhost" may resolve to either.
  await app.listen(resolved.port);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = (resolved.publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, '');
  core.publicUrl.set(url);
  return {
    url,
    controls: core.controls,
    stop: async () => {
      // A held answer would keep its connection, and so the close, waiting.
      core.nexiAnswerDelay.releaseAll();
      await core.dispatcher.dispose();
      await app.close();
    },
  };
}
