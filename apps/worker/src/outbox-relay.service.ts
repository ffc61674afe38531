import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { OutboxRelay } from '@kk/jobs';

/** Runs the relay for the life of the worker context. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(OutboxRelay) private readonly relay: OutboxRelay) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  // Before, not on, shutdown: BullModule closes the queues in onApplicationShutdown, and
  // a pass in flight must finish (or roll back) while they are still open.
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
