// `tessera users import FILE`: users in Clerk's import shape, with digests of every supported
// hasher, sign in through the FAPI with their old passwords; the first successful sign-in
// replaces the stored hash with the instance's argon2id. Old passwords the policy refuses still
// sign in, to a session with the reset-password task (tests/integration/reset_password_task).
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createCipheriv, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { useServer } from '../support/server.mjs';
import { BASE_SETS, assertClerkError, newClient, signInRequest, signInUser, uniqueEmail } from '../support/flows.mjs';
import { importUsers, pbkdf2Digest } from '../support/user_import.mjs';

const INSTANCE_ARGON2ID = '$argon2id$v=19$m=19456,t=2,p=1$';

const srv = useServer(nt, { sets: { ...BASE_SETS, 'auth.client_trust': 'false' } });

// Django's own form: the salt is used as text.
function djangoDigest(password) {
  const salt = randomBytes(9).toString('hex');
  return `pbkdf2_sha256$1200$${salt}$${pbkdf2Sync(password, salt, 1200, 32, 'sha256').toString('base64')}`;
}

// Firebase's scrypt (github.com/firebase/scrypt), in Clerk's digest form:
// <hash>$<salt>$<signer key>$<salt separator>$<rounds>$<memory cost>.
function firebaseDigest(password) {
  const signerKey = randomBytes(64);
  const separator = Buffer.from([0x07]);
  const salt = randomBytes(10);
  const rounds = 8;
  const memCost = 14;
  const key = scryptSync(password, Buffer.concat([salt, separator]), 32, { N: 2 ** memCost, r: rounds, p: 1, maxmem: 64 * 1024 * 1024 });
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const hash = Buffer.concat([cipher.update(signerKey), cipher.final()]);
  return [hash, salt, signerKey, separator].map((b) => b.toString('base64')).concat([rounds, memCost]).join('$');
}

// Published vectors: Openwall crypt_blowfish ("U*U") and the Argon2 reference implementation
// ("password" with salt "somesalt", m=64 MiB, t=2: not the instance's parameters). Both passwords
// fail the policy (too short, well known): they sign in with the reset-password task.
const USERS = [
  { hasher: 'bcrypt', password: 'U*U', weak: true, digest: '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW' },
  { hasher: 'bcrypt', password: 'U*U', weak: true, digest: '$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW' },
  { hasher: 'argon2i', password: 'password', weak: true, digest: '$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA' },
  { hasher: 'argon2id', password: 'password', weak: true, digest: '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc' },
  { hasher: 'pbkdf2_sha256', password: 'pbkdf2 secret', digest: pbkdf2Digest('pbkdf2 secret') },
  { hasher: 'pbkdf2_sha256_django', password: 'django secret', digest: djangoDigest('django secret') },
  { hasher: 'scrypt_firebase', password: 'firebase secret', digest: firebaseDigest('firebase secret') },
].map((u, i) => ({ ...u, email: uniqueEmail(`import-${i}-${u.hasher.replace(/_/g, '-')}`, { test: false }) }));

const runImport = (lines) => importUsers(srv.database, lines);

function storedHash(email) {
  if (!srv.dbPath) return null; // PostgreSQL run: the FAPI checks below still hold
  return execFileSync('sqlite3', [srv.dbPath,
    `SELECT u.password_hash FROM users u JOIN email_addresses e ON e.user_id = u.id WHERE e.email = '${email}'`,
  ], { encoding: 'utf8' }).trim();
}

srv.test('imports every hasher; each signs in, and the hash is upgraded to the instance argon2id', async () => {
  await srv.stop(); // import into the database, then start the server again
  const res = runImport(USERS.map((u, i) => ({
    email_addresses: [u.email],
    ...(i === 0 ? { phone_numbers: ['+15555550123'] } : {}),
    password_digest: u.digest,
    password_hasher: u.hasher,
    first_name: 'Imported',
    last_name: u.hasher,
  })));
  assert.equal(res.status, 0, `${res.stdout}\n${res.stderr}`);
  assert.match(res.stdout, new RegExp(`imported ${USERS.length} users, skipped 0`), res.stdout);
  assert.ok(!res.stderr.includes('$2a$'), 'no digest in the output');
  await srv.restart();

  for (const u of USERS) {
    const before = storedHash(u.email);
    if (before !== null) assert.ok(!before.startsWith(INSTANCE_ARGON2ID), `${u.hasher}: ${before}`);

    assertClerkError(await signInRequest(newClient(srv.url), u.email, `${u.password}x`),
      { status: 422, code: 'form_password_incorrect', param: 'password' });
    const { session } = await signInUser(newClient(srv.url), u.email, u.password);
    assert.equal(session.user.first_name, 'Imported', u.hasher);
    assert.equal(session.status, u.weak ? 'pending' : 'active', u.hasher);
    assert.deepEqual(session.tasks, u.weak ? [{ key: 'reset-password' }] : null, u.hasher);

    const after = storedHash(u.email);
    if (after !== null) assert.ok(after.startsWith(INSTANCE_ARGON2ID), `${u.hasher} not upgraded: ${after}`);
    await signInUser(newClient(srv.url), u.email, u.password); // the new hash verifies too
  }
});

srv.test('bad lines are reported by line number and skipped; exit code 1', async () => {
  const fresh = uniqueEmail('import-fresh', { test: false });
  const res = runImport([
    { email_address: fresh, password_digest: pbkdf2Digest('fresh one'), password_hasher: 'pbkdf2_sha256' },
    '{"email_address": "broken',
    { email_address: USERS[0].email, password_digest: USERS[0].digest, password_hasher: 'bcrypt' },
    { email_address: 'not-an-email', password_digest: USERS[0].digest, password_hasher: 'bcrypt' },
    { email_address: uniqueEmail('import-md5'), password_digest: '5f4dcc3b5aa765d61d8327deb882cf99', password_hasher: 'md5' },
  ]);
  assert.equal(res.status, 1, `${res.stdout}\n${res.stderr}`);
  assert.match(res.stdout, /imported 1 users, skipped 4/, res.stdout);
  assert.match(res.stderr, /line 2: invalid JSON/, res.stderr);
  assert.match(res.stderr, /line 3: email address already exists/, res.stderr);
  assert.match(res.stderr, /line 4: invalid email address/, res.stderr);
  assert.match(res.stderr, /line 5: unsupported password_hasher/, res.stderr);
  assert.ok(!res.stderr.includes('5f4dcc3b'), 'no digest in the output');
  // Imported while the server runs (SQLite: another process on the same file).
  await signInUser(newClient(srv.url), fresh, 'fresh one');
});
