import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/** Debian's chromium package puts its launcher here; browser tests never use a downloaded browser. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

const INSTALL_HINT = 'sudo apt-get install -y chromium';

/** The Chromium that browser tests drive: CHROMIUM_PATH when set, else Debian's. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// A half-installed package (a missing shared library) leaves the launcher in place; running
// it once turns that into an error here rather than a launch timeout inside a test.
function chromiumVersion(path: string): string {
  const run = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) {
    const output = `${run.stderr ?? ''}${run.error ? String(run.error) : ''}`.trim();
    throw new Error(`${path} --version failed (exit ${String(run.status)}): ${output}`);
  }
  return run.stdout.trim();
}

/**
 * Returns the path of a Chromium that runs, installing Debian's chromium package with apt-get
 * when it is missing and we are root (CI starts on a machine without it); otherwise throws
 * with how to install it. Browser tests must fail loudly without a browser, never skip.
 */
export function ensureChromium(): string {
  const path = chromiumPath();
  if (!isExecutable(path)) {
    // Installing would not help: apt-get puts chromium at the default path only.
    if (path !== DEFAULT_CHROMIUM_PATH) {
      throw new Error(`CHROMIUM_PATH=${path} is not an executable file.`);
    }
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!isRoot) {
      throw new Error(`Chromium is not installed (${path}). Install it with: ${INSTALL_HINT} (or set CHROMIUM_PATH).`);
    }
    process.stderr.write('chromium is missing; installing the Debian package chromium …\n');
    const install = spawnSync(
      'sh',
      ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'],
      // apt's progress would drown the test output; its errors still reach stderr.
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (install.status !== 0) {
      throw new Error(`apt-get could not install chromium (exit ${String(install.status)}); try: ${INSTALL_HINT}.`);
    }
    if (!isExecutable(path)) {
      throw new Error(`apt-get installed chromium, but ${path} is still not an executable file.`);
    }
  }
  chromiumVersion(path);
  return path;
}

if (require.main === module) {
  try {
    const path = ensureChromium();
    const version = chromiumVersion(path);
    process.stdout.write(`chromium: ${version} (${path})\n`);
  } catch (error: unknown) {
    process.stderr.write(`ensure-chromium: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
