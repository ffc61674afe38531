import {
  BadRequestException,
  Catch,
  Inject,
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
  type ArgumentsHost,
  type CallHandler,
  type ExceptionFilter,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { MAX_PHOTO_UPLOAD_BYTES } from '@kk/account-settings';
import { CSRF, portalView, signedInPageOf, type Csrf } from '../kit';
import { settingsErrors } from './settings-errors';
import { SettingsPages } from './settings-pages';

/**
 * The photo form is multipart, which the portal's body parser leaves alone: its CSRF token is
 * in a body only multer reads. So this one route is left out of the portal's CSRF middleware
 * (portal.module.ts) and checked here instead, after multer and before the handler, against
 * the same token from the same hidden field: the token never goes into a URL.
 *
 * The order on the route: the session (account-settings.module.ts) → the sign-in guard → the
 * Content-Length check → multer (5 MB, one file) → the CSRF check → the handler.
 */

/** The form's field of the file. */
export const PHOTO_FIELD = 'billede';

/** A 5 MB picture and the form around it (the CSRF field, part headers). */
const MAX_REQUEST_BYTES = MAX_PHOTO_UPLOAD_BYTES + 64 * 1024;

/** multer's own limits: it stops reading at the first byte over 5 MB, and takes nothing but one file. */
export const PHOTO_MULTER_OPTIONS = {
  limits: { fileSize: MAX_PHOTO_UPLOAD_BYTES, files: 1, fields: 4, fieldSize: 4096, parts: 6, headerPairs: 20 },
};

/** The part of multer's file this route reads (no @types/multer here). */
export interface UploadedPhoto {
  readonly buffer: Buffer;
}

/** A 50 MB upload says so in its Content-Length: refused before a byte of it is read. */
@Injectable()
export class UploadSizeLimit implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const length = Number(context.switchToHttp().getRequest<Request>().headers['content-length'] ?? 0);
    if (length > MAX_REQUEST_BYTES) throw new PayloadTooLargeException('photo upload too large');
    return next.handle();
  }
}

/** The CSRF token was missing or wrong on the multipart form. */
export class MultipartCsrfRefused extends Error {}

/** The portal's CSRF check (csrf.ts), run once multer has put the form's fields in req.body. */
@Injectable()
export class MultipartCsrfCheck implements NestInterceptor {
  constructor(@Inject(CSRF) private readonly csrf: Csrf) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    // csrf-csrf calls back with an error only for a missing or wrong token.
    const refused = await new Promise<boolean>((resolve) => this.csrf.protect(req, res, (error) => resolve(!!error)));
    if (refused) throw new MultipartCsrfRefused();
    return next.handle();
  }
}

/**
 * What multer and the checks above refuse, answered as the portal answers a form: too large
 * or unreadable → the page again with the error beside the photo field (404 for an account
 * the login may not see); a bad CSRF token → 403, as for every other form.
 */
@Catch(PayloadTooLargeException, BadRequestException, MultipartCsrfRefused)
export class PhotoUploadRefusedFilter implements ExceptionFilter {
  constructor(private readonly pages: SettingsPages) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const page = signedInPageOf(req);
    const accountId = String(req.params.accountId);
    if (error instanceof MultipartCsrfRefused) {
      res.status(403).render('account-settings/refused', portalView(page, 'error.title', { back: '/konti' }));
      return;
    }
    if (!page.tenant.features.photo) {
      // As the handler would answer: a tenant without photos has no such form.
      res.status(404).render('errors/not-found', portalView(page, 'notFound.title', {}));
      return;
    }
    const reason = error instanceof PayloadTooLargeException ? 'tooLarge' : 'unreadable';
    const refused = { form: 'photo', errors: settingsErrors([{ field: 'photo', reason }], page) } as const;
    this.pages
      .render(res, page, accountId, reason === 'tooLarge' ? 413 : 400, { refused })
      .catch((failure: unknown) => {
        if (res.headersSent) return;
        if (failure instanceof NotFoundException) {
          res.status(404).render('errors/not-found', portalView(page, 'notFound.title', {}));
        } else {
          res.sendStatus(500);
        }
      });
  }
}
