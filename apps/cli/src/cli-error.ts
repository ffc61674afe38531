/**
 * A refusal the operator can act on. Its message goes to stderr as it is; `output`, when
 * given, is still printed on stdout (an import's list of bad lines is the useful answer).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly output?: object,
  ) {
    super(message);
  }
}

/** One line for stderr; multi-line messages (a tenant config's problem list) are joined. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const [first, ...rest] = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return rest.length ? `${first} ${rest.join('; ')}` : (first ?? 'Unknown error');
}
