import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { pageContextOf, portalView } from '../kit';

// C0 controls but tab, line feed and carriage return (which a textarea may send), DEL, and C1.
function isControlCharacter(code: number): boolean {
  if (code === 0x09 || code === 0x0a || code === 0x0d) return false;
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isControlCharacter(text.charCodeAt(i))) return true;
  return false;
}

/**
 * No form field or query value a person can type holds a control character; a NUL would
 * even fail in PostgreSQL (a 500). So any request carrying one is refused up front with a
 * 400 page in the person's language, before a handler or the database sees it.
 */
@Injectable()
export class ControlCharactersMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    if (!holdsControlCharacter(req.body) && !holdsControlCharacter(req.query)) return next();
    res.status(400).render('errors/bad-input', portalView(pageContextOf(req), 'badInput.title', {}));
  }
}

export function holdsControlCharacter(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return hasControlCharacter(value);
  if (depth > 5 || typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(
    ([key, item]) => hasControlCharacter(key) || holdsControlCharacter(item, depth + 1),
  );
}
