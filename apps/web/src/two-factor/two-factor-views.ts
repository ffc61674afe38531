import { toString as qrCodeSvg } from 'qrcode';
import { portalView, type PageContext } from '../kit';

export function settingsPage(page: PageContext, on: boolean, notice?: string, error?: string) {
  return portalView(page, 'twoFactor.title', { on, ...(notice ? { notice } : {}), ...(error ? { error } : {}) });
}

export async function setupPage(page: PageContext, enrolment: { secret: string; keyUri: string }, error?: string) {
  const svg = await qrCodeSvg(enrolment.keyUri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return portalView(page, 'twoFactor.setupTitle', {
    // An <img> of a data URL: the CSP allows images from data:, and no inline markup is needed.
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    // In groups of four, as apps show and people type them.
    secret: enrolment.secret.replace(/(.{4})(?=.)/g, '$1 '),
    ...(error ? { error } : {}),
  });
}
