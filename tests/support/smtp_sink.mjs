// A real SMTP server on loopback for the end-to-end tests: tests/support/smtp_sink.py (aiosmtpd,
// from Debian's python3), which writes each message it receives as a JSON summary.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './server.mjs';
import { assertEnvelope, createSignUp, newClient } from './flows.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts smtp_sink.py (Debian's system python has aiosmtpd); resolves once it prints "ready". */
export async function startSink() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-smtp-'));
  const child = spawn('/usr/bin/python3', [path.join(REPO_ROOT, 'tests/support/smtp_sink.py'), '--out', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`smtp_sink not ready: ${out} ${log}`)), 10_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/ready (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`smtp_sink exited (${code}): ${log}`));
    });
  });
  return {
    port,
    dir,
    /** Every message received so far (the NNNN.json summaries, in order). */
    messages() {
      return readdirSync(dir)
        .filter((f) => /^\d+\.json$/.test(f))
        .sort()
        .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const toAddress = (m) => (m.rcpt_tos ?? []).map((a) => a.replace(/[<>]/g, '').toLowerCase());
/** An account notice (new sign-in, password changed), not a code. */
export const isNotice = (m) => m.subject.startsWith('New sign-in to your') || m.subject.endsWith('password was changed');
export const mailTo = (sink, email) => sink.messages().filter((m) => toAddress(m).includes(email.toLowerCase()));

/** Waits for code email number `count` (1-based; notices not counted) to `email`; returns its code. */
export async function waitForCode(sink, email, count, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mine = mailTo(sink, email).filter((m) => !isNotice(m));
    if (mine.length >= count) {
      const m = mine[count - 1];
      const text = m.parts.map((p) => p.text).join('\n');
      const codes = [...new Set(text.match(/\b\d{6}\b/g) ?? [])];
      assert.equal(codes.length, 1, `exactly one code in the email: ${JSON.stringify(m)}`);
      return { code: codes[0], message: m };
    }
    if (Date.now() > deadline) throw new Error(`no email #${count} to ${email}: ${JSON.stringify(sink.messages())}`);
    await sleep(100);
  }
}

/** The settings that send a Tessera server's email to `sink`. */
export const smtpSets = (sink) => ({
  'email.delivery': 'smtp',
  'email.smtp_url': `smtp://127.0.0.1:${sink.port}`,
  'email.smtp_starttls': 'false',
});

/**
 * Signs `email` up over the FAPI on a new client, with the code from the sink (the address's
 * first email). Returns the completed sign-up and the email that carried the code.
 */
export async function signUpByMail(url, sink, email, password) {
  const c = newClient(url);
  const su = assertEnvelope(await createSignUp(c, email, password)).response;
  assertEnvelope(await c.post(`/v1/client/sign_ups/${su.id}/prepare_verification`, { strategy: 'email_code' }));
  const { code, message } = await waitForCode(sink, email, 1);
  const done = assertEnvelope(await c.post(`/v1/client/sign_ups/${su.id}/attempt_verification`, { strategy: 'email_code', code })).response;
  assert.equal(done.status, 'complete', JSON.stringify(done));
  return { signUp: done, message };
}
