// `tessera users import` for black-box tests: users with passwords the instance did not hash
// itself (and that its password policy need not accept).
import { spawnSync } from 'node:child_process';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, TESSERA_BIN, TESSERA_CONFIG } from './server.mjs';

/** Clerk's pbkdf2_sha256 digest: pbkdf2_sha256$<iterations>$<salt b64>$<hash b64>. */
export function pbkdf2Digest(password) {
  const salt = randomBytes(12);
  const hash = pbkdf2Sync(password, salt, 1000, 32, 'sha256');
  return `pbkdf2_sha256$1000$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * Runs `tessera users import` on `database` (a server handle's `database`) with one JSON line per
 * entry of `lines` (objects are stringified, strings written as they are). Returns spawnSync's
 * result ({status, stdout, stderr}).
 */
export function importUsers(database, lines) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-import-'));
  try {
    const file = path.join(dir, 'users.jsonl');
    writeFileSync(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
    return spawnSync(TESSERA_BIN, ['users', 'import', file, '--config', TESSERA_CONFIG, '--database', database], {
      cwd: REPO_ROOT, encoding: 'utf8',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
