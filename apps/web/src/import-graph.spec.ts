import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { preProcessFile } from 'typescript';

/**
 * The portal's folders stand alone: a feature folder imports libs (`@kk/*`), packages, its
 * own files and the web kit (through kit/index.ts), never another feature; the kit imports
 * no feature. Only the composition roots at the top of src (web.module.ts, portal.module.ts,
 * main.ts, …) import every feature.
 */
const SRC = __dirname;
const KIT = 'kit';

interface Import {
  readonly file: string;
  readonly specifier: string;
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(file: string): Import[] {
  const { importedFiles } = preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.map(({ fileName }) => ({ file: relative(SRC, file), specifier: fileName }));
}

/** The top folder under src a path is in; undefined for a composition root at the top itself. */
function folderOf(pathInSrc: string): string | undefined {
  const parts = pathInSrc.split(sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** Why an import breaks the rule, or undefined. */
function violation({ file, specifier }: Import): string | undefined {
  const from = folderOf(file);
  if (from === undefined || !specifier.startsWith('.')) return undefined;
  const target = relative(SRC, resolve(dirname(join(SRC, file)), specifier));
  if (target.startsWith('..')) return `${file} reaches out of apps/web/src: ${specifier} (use the lib's @kk/ index)`;
  const to = folderOf(target) ?? target;
  if (to === from) return undefined;
  if (from === KIT) return `${file} (the kit) imports ${to}/: the kit serves features, never the other way`;
  if (to !== KIT) return `${file} imports another feature (${to}/): share it through the kit or a lib`;
  if (target !== KIT) return `${file} imports ${target}: features use the kit through its index ('../kit')`;
  return undefined;
}

describe("the web app's import graph", () => {
  const imports = typeScriptFiles(SRC).flatMap(importsOf);
  const folders = new Set(imports.map((i) => folderOf(i.file)).filter((f): f is string => f !== undefined));

  it('finds the kit and the feature folders', () => {
    expect([...folders]).toEqual(expect.arrayContaining([KIT, 'login', 'accounts', 'oidc', 'signup', 'two-factor']));
    expect(imports.filter((i) => i.specifier === '../kit').length).toBeGreaterThan(20);
  });

  it('keeps each feature folder to libs, packages, itself and the kit, and the kit to itself', () => {
    expect(imports.map(violation).filter((v) => v !== undefined)).toEqual([]);
  });
});
