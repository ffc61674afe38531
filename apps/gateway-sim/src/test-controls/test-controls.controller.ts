import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
} from '@nestjs/common';
import { MAX_ANSWER_DELAY_MS } from '../nexi/answer-delay';
import { STORED_CARD_STATES } from '../nexi/nexi-state';
import { parseDeliveryMode } from '../webhooks/delivery-mode';
import { GatewaySimControls } from './gateway-sim-controls';

/** Test-only controls under /_sim, apart from the provider routes. No provider has these. */
@Controller('_sim')
export class TestControlsController {
  constructor(private readonly controls: GatewaySimControls) {}

  @Post('reset')
  @HttpCode(204)
  reset(): void {
    this.controls.reset();
  }

  @Get('ledger')
  ledger() {
    return this.controls.ledger();
  }

  @Put('nexi/unscheduled-subscriptions/:id/card-state')
  setCardState(@Param('id') id: string, @Body() body: unknown) {
    const state = STORED_CARD_STATES.find((candidate) => candidate === (body as { state?: unknown } | null)?.state);
    if (state === undefined) throw new BadRequestException(`state is one of ${STORED_CARD_STATES.join(', ')}`);
    if (!this.controls.setStoredCardState(id, state)) throw new NotFoundException(`no unscheduled subscription ${id}`);
    return { unscheduledSubscriptionId: id, state };
  }

  @Put('nexi/answer-delay')
  setAnswerDelay(@Body() body: unknown) {
    const ms = (body as { ms?: unknown } | null)?.ms;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > MAX_ANSWER_DELAY_MS) {
      throw new BadRequestException(`ms is whole milliseconds from 0 to ${MAX_ANSWER_DELAY_MS}`);
    }
    return { ms: this.controls.setAnswerDelay(ms) };
  }

  @Get('webhooks')
  webhookStatus() {
    return this.controls.webhookStatus();
  }

  @Put('webhooks/mode')
  setWebhookMode(@Body() body: unknown) {
    const mode = parseDeliveryMode(body, this.controls.webhookStatus().mode);
    if (typeof mode === 'string') throw new BadRequestException(mode);
    return this.controls.setWebhookMode(mode);
  }

  @Post('webhooks/stop')
  @HttpCode(200)
  stopWebhooks() {
    return this.controls.stopWebhooks();
  }

  @Post('webhooks/resume')
  @HttpCode(200)
  resumeWebhooks() {
    return this.controls.resumeWebhooks();
  }

  @Get('webhooks/attempts')
  webhookAttempts() {
    return { attempts: this.controls.webhookAttempts() };
  }

  @Post('webhooks/idle')
  @HttpCode(204)
  async whenWebhooksIdle(): Promise<void> {
    await this.controls.whenWebhooksIdle();
  }

  @Post('mobilepay/:msn/payments/:reference/expire')
  @HttpCode(200)
  expireMobilePayPayment(@Param('msn') msn: string, @Param('reference') reference: string) {
    const state = this.controls.expireMobilePayPayment(msn, reference);
    if (state === undefined) throw new NotFoundException(`no MobilePay payment ${reference} for MSN ${msn}`);
    return { reference, state };
  }
}
