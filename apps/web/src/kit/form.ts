import {
  Catch,
  createParamDecorator,
  type ArgumentsHost,
  type ExceptionFilter,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { isTextKey, templateText, type Locale, type PlainTextKey } from '@kk/texts';
import type { FormErrors } from './form-errors';
import { portalView } from './layout';
import { pageContextOf } from './page-context';

/**
 * The portal's one way to read a posted form: a zod schema of its fields. The schema only
 * shapes what was posted; whether a CPR, password or card number is acceptable is the
 * libs' to say, in their own failures.
 */

/** One posted text field as typed; missing, repeated (an array) or nested, it is the empty answer ''. */
export const textField = z.string().catch('');

/** The same, without the spaces around it. */
export const trimmedField = textField.transform((value) => value.trim());

/** A form of named fields (others, `_csrf` among them, are dropped); a body that is no object is an empty form. */
export function formSchema<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess((body) => (typeof body === 'object' && body !== null ? body : {}), z.object(shape));
}

/** What a form schema reads. */
export type FormValues<Schema extends z.ZodType> = z.output<Schema>;

/** A field's refusal in a schema, named by its text: `z.enum([...], fieldError('…'))`. */
export function fieldError(key: PlainTextKey): { readonly error: PlainTextKey } {
  return { error: key };
}

export type ParsedForm<T> =
  { readonly ok: true; readonly values: T } | { readonly ok: false; readonly errors: FormErrors };

/**
 * A form whose schema can refuse: typed values, or each refused field's text in the page's
 * language (the text fieldError named, else "form.invalid").
 */
export function parseForm<T>(schema: z.ZodType<T>, body: unknown, locale: Locale): ParsedForm<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, values: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : 'form';
    errors[field] ??= templateText(locale, isTextKey(issue.message) ? issue.message : 'form.invalid', {});
  }
  return { ok: false, errors };
}

/** Thrown by @Form() for a form its schema refuses; answered like a control character, with the 400 page. */
export class UnreadableForm extends Error {
  constructor(readonly errors: FormErrors) {
    super(`the form could not be read: ${Object.keys(errors).join(', ')}`);
  }
}

const postedForm = createParamDecorator((data: { schema: z.ZodType }, context: ExecutionContext): unknown => {
  const req = context.switchToHttp().getRequest<Request>();
  const parsed = parseForm(data.schema, req.body, pageContextOf(req).locale);
  if (!parsed.ok) throw new UnreadableForm(parsed.errors);
  return parsed.values;
});

/**
 * Handler parameter: the posted body read by a schema of text fields, which cannot refuse
 * (a missing field is ''). For a schema that can, call parseForm and show its errors.
 */
export function Form(schema: z.ZodType): ParameterDecorator {
  // Wrapped: Nest would take a bare schema, which has a transform method, for a pipe.
  return postedForm({ schema });
}

@Catch(UnreadableForm)
export class UnreadableFormFilter implements ExceptionFilter {
  catch(_error: UnreadableForm, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const page = pageContextOf(http.getRequest<Request>());
    http
      .getResponse<Response>()
      .status(400)
      .render('errors/bad-input', portalView(page, 'badInput.title', {}));
  }
}

/** One field of a body no handler has read yet (a rate limit's key), as textField reads it. */
export function postedText(body: unknown, name: string): string {
  return textField.parse(
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined,
  );
}
