import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { da, isTextKey, placeholdersOf } from '@kk/texts';

const VIEWS = join(__dirname, 'views');

interface TextCall {
  readonly file: string;
  readonly call: string;
  /** The quoted key, or undefined when the key is not a literal tsc or this test could check. */
  readonly key: string | undefined;
  readonly params: string[];
}

function viewFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return viewFiles(path);
    return entry.name.endsWith('.hbs') ? [path] : [];
  });
}

// {{t "key" name=value}} and the sub-expression (t "key"); tsc never sees these keys.
const T_CALL = /(?:\{\{~?|\()\s*t\s+([^}()]*?)\s*(?:~?\}\}|\))/g;

function textCalls(path: string): TextCall[] {
  const file = relative(VIEWS, path);
  return [...readFileSync(path, 'utf8').matchAll(T_CALL)].map(([call, args]) => {
    const [first = '', ...rest] = args.split(/\s+/);
    const literal = /^(["'])(.*)\1$/.exec(first);
    return { file, call, key: literal?.[2], params: rest.map((param) => param.split('=')[0]).sort() };
  });
}

describe('{{t "…"}} in the views', () => {
  const calls = viewFiles(VIEWS).flatMap(textCalls);

  it('finds the views and their texts', () => {
    expect(calls.length).toBeGreaterThan(100);
    expect(calls.map((c) => c.file)).toEqual(expect.arrayContaining(['layout.hbs', 'front-page.hbs']));
  });

  it('names every text by a literal key the catalogue has', () => {
    const unknown = calls.filter((c) => c.key === undefined || !isTextKey(c.key));
    expect(unknown.map(({ file, call }) => `${file}: ${call}`)).toEqual([]);
  });

  it('gives each text exactly its placeholders', () => {
    const mismatched = calls.filter(
      (c) => isTextKey(c.key) && c.params.join(',') !== placeholdersOf(da[c.key]).join(','),
    );
    expect(mismatched.map(({ file, call }) => `${file}: ${call}`)).toEqual([]);
  });
});
