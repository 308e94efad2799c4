// The "new sign-in" notice email (issue 4): a sign-in that completes on a client (browser) where
// the user had never completed one gets them an email naming the time, the browser's User-Agent
// and its IP address. Read here from the dev outbox (GET /__dev/outbox, `notices`); sent over SMTP
// in tests/e2e/client_trust. Not after sign-up, not for test identifiers in test mode, not with
// auth.new_sign_in_notice=false; a mail server that cannot be reached does not fail the sign-in.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { freePort, useServer } from '../support/server.mjs';
import {
  BASE_SETS, PASSWORD, newClient, assertEnvelope, signUpUser, signInUser, uniqueEmail, readNotices,
} from '../support/flows.mjs';
import { importUsers, pbkdf2Digest } from '../support/user_import.mjs';

const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

/** Password sign-in from a browser that says USER_AGENT; expects completion. */
async function signInAs(c, email) {
  const j = assertEnvelope(await c.post('/v1/client/sign_ins', { identifier: email, password: PASSWORD }, undefined,
    { headers: { 'User-Agent': USER_AGENT } }));
  assert.equal(j.response.status, 'complete', JSON.stringify(j.response));
  return j;
}

/** A user signed up with a real (non-test) address on a client, then signed out there. */
async function signedUpUser(url) {
  const home = newClient(url);
  const u = await signUpUser(home, uniqueEmail('notice', { test: false }));
  assertEnvelope(await home.delete('/v1/client/sessions'));
  return { ...u, home };
}

nt.describe('new sign-in notice on (the default)', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS } });

  srv.test('sign-up sends none; the first sign-in on a new client sends one; the next sign-in there none', async () => {
    const u = await signedUpUser(srv.url);
    assert.deepEqual(await readNotices(srv.url, u.email), [], 'no notice after sign-up');

    const laptop = newClient(srv.url);
    const before = Date.now();
    await signInAs(laptop, u.email);
    const notices = await readNotices(srv.url, u.email);
    assert.equal(notices.length, 1, JSON.stringify(notices));
    assert.equal(notices[0].to, u.email);
    assert.equal(notices[0].user_agent, USER_AGENT);
    assert.equal(notices[0].ip_address, '127.0.0.1');
    assert.equal(notices[0].kind, 'new_sign_in');
    assert.ok(notices[0].at >= before - 1000 && notices[0].at <= Date.now() + 1000, `at ${notices[0].at}`);

    assertEnvelope(await laptop.delete('/v1/client/sessions'));
    await signInAs(laptop, u.email);
    assert.equal((await readNotices(srv.url, u.email)).length, 1, 'a known client gets no second notice');
  });

  srv.test('signing in on the sign-up client sends none', async () => {
    const u = await signedUpUser(srv.url);
    await signInAs(u.home, u.email);
    assert.deepEqual(await readNotices(srv.url, u.email), []);
  });

  srv.test('test identifiers get none in test mode', async () => {
    const c = newClient(srv.url);
    const u = await signUpUser(c, uniqueEmail('notice-test'));
    await signInUser(newClient(srv.url), u.email);
    assert.deepEqual(await readNotices(srv.url, u.email), []);
  });
});

nt.describe('new sign-in notice off', () => {
  const srv = useServer(nt, { sets: { ...BASE_SETS, 'auth.new_sign_in_notice': 'false' } });

  srv.test('a sign-in on a new client sends none', async () => {
    const u = await signedUpUser(srv.url);
    await signInAs(newClient(srv.url), u.email);
    assert.deepEqual(await readNotices(srv.url, u.email), []);
  });
});

const closedPort = await freePort(); // nothing listens there: connection refused

nt.describe('new sign-in notice with an unreachable SMTP server', () => {
  const srv = useServer(nt, {
    sets: { ...BASE_SETS, 'email.delivery': 'smtp', 'email.smtp_url': `smtp://127.0.0.1:${closedPort}`, 'email.smtp_starttls': 'false' },
  });

  srv.test('the sign-in completes; the server logs that the notice was not sent', async () => {
    // Imported: a sign-up would need its code delivered.
    const email = uniqueEmail('notice-smtp', { test: false });
    const imported = importUsers(srv.database, [{ email_address: email, password_digest: pbkdf2Digest(PASSWORD), password_hasher: 'pbkdf2_sha256' }]);
    assert.equal(imported.status, 0, `${imported.stdout}\n${imported.stderr}`);
    const { session } = await signInUser(newClient(srv.url), email);
    assert.equal(session.status, 'active');
    assert.match(srv.logs(), new RegExp(`new sign-in notice for ${session.user.id} not sent: email delivery over SMTP failed`));
    assert.ok(!srv.logs().includes(PASSWORD), 'no password in the log');
  });
});
