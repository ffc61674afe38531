import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * `TENANTS_DIR`, else `<repo root>/tenants`. The repo root is found by walking up, so this
 * works from `libs/tenancy/src` (ts/jest) and from `dist/libs/tenancy/src` (compiled) alike.
 */
export function defaultTenantsDir(env: NodeJS.ProcessEnv = process.env, from: string = __dirname): string {
  const configured = env.TENANTS_DIR?.trim();
  if (configured) {
    return resolve(configured);
  }
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'tenants');
    if (existsSync(join(dir, 'package.json')) && isDirectory(candidate)) {
      return candidate;
    }
    if (dirname(dir) === dir) {
      throw new Error(`No tenants/ folder found above ${from}; set TENANTS_DIR to the tenants folder`);
    }
  }
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
