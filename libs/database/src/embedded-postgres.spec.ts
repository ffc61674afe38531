import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgresSetupError, firstClosedFolder, type UnixAccount } from './embedded-postgres';

describe('firstClosedFolder', () => {
  let base: string;
  // Synthetic folders with the modes of root's home (0700) and of /srv (0755).
  const folder = (path: string, mode: number): string => {
    const full = join(base, path);
    mkdirSync(full);
    chmodSync(full, mode);
    return full;
  };
  let owner: UnixAccount;
  let stranger: UnixAccount;
  let groupMate: UnixAccount;

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'kk-reach-'));
    chmodSync(base, 0o755);
    const { uid, gid } = statSync(base);
    owner = { uid, gid };
    stranger = { uid: uid + 4242, gid: gid + 4242 };
    groupMate = { uid: uid + 4242, gid };
  });

  afterEach(() => {
    rmSync(base, { recursive: true, force: true });
  });

  it('names a 0700 folder on the way, and nothing when every folder is 0755', () => {
    const closed = folder('home', 0o700);
    folder('home/clone', 0o755);
    folder('srv', 0o755);
    const open = folder('srv/clone', 0o755);
    expect(firstClosedFolder(join(closed, 'clone', 'native'), stranger)).toBe(closed);
    expect(firstClosedFolder(open, stranger)).toBeUndefined();
  });

  it('checks the target itself, not only the folders above it', () => {
    const closed = folder('native', 0o700);
    expect(firstClosedFolder(closed, stranger)).toBe(closed);
  });

  it("lets the folder's owner in by the owner's bits", () => {
    const closed = folder('home', 0o700);
    expect(firstClosedFolder(closed, owner)).toBeUndefined();
  });

  it("applies the group's bits to a member, even when everyone else may enter", () => {
    expect(firstClosedFolder(folder('team', 0o710), groupMate)).toBeUndefined();
    const othersOnly = folder('others-only', 0o701);
    expect(firstClosedFolder(othersOnly, groupMate)).toBe(othersOnly);
    expect(firstClosedFolder(othersOnly, stranger)).toBeUndefined();
  });

  it('needs search (x), not read (r): 0711 is open, 0744 is closed', () => {
    expect(firstClosedFolder(folder('search-only', 0o711), stranger)).toBeUndefined();
    const readOnly = folder('read-only', 0o744);
    expect(firstClosedFolder(readOnly, stranger)).toBe(readOnly);
  });

  it('lets root in anywhere', () => {
    expect(firstClosedFolder(folder('home', 0o700), { uid: 0, gid: 0 })).toBeUndefined();
  });

  it('follows a symlink into a closed folder, and sees a closed folder on the way to a symlink', () => {
    const closed = folder('home', 0o700);
    const target = folder('home/native', 0o755);
    folder('srv', 0o755);
    const link = join(base, 'srv', 'native');
    symlinkSync(target, link);
    expect(firstClosedFolder(link, stranger)).toBe(closed);

    const open = folder('opt', 0o755);
    symlinkSync(open, join(closed, 'to-opt'));
    expect(firstClosedFolder(join(closed, 'to-opt'), stranger)).toBe(closed);
  });

  it('counts folders not made yet as open, but not a closed folder above them', () => {
    folder('srv', 0o755);
    expect(firstClosedFolder(join(base, 'srv', 'data', 'postgres'), stranger)).toBeUndefined();
    const closed = folder('home', 0o700);
    expect(firstClosedFolder(join(closed, 'data', 'postgres'), stranger)).toBe(closed);
  });
});

describe('EmbeddedPostgresSetupError', () => {
  it('prints as one line, without a stack trace', () => {
    const error = new EmbeddedPostgresSetupError('cannot enter /root: clone under /srv or /opt');
    expect(error.stack).toBe('EmbeddedPostgresSetupError: cannot enter /root: clone under /srv or /opt');
    expect(String(error.stack)).not.toContain('\n');
  });
});
