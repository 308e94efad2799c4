// GET /__tessera/qr.svg?data=<otpauth URI>: the enrollment QR code as SVG (rendered server-side).
// The crypto unit tests decode the QR itself; here: content type, a well-formed non-empty SVG,
// and the input limits.
import * as nt from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from '../../support/server.mjs';
import { BASE_SETS, newClient, assertEnvelope, assertClerkError, signUpUser, uniqueEmail } from '../../support/flows.mjs';
import { me } from '../../support/mfa_flows.mjs';

const srv = useServer(nt, { sets: { ...BASE_SETS } });

async function qr(data) {
  const u = new URL(`${srv.url}/__tessera/qr.svg`);
  if (data !== undefined) u.searchParams.set('data', data);
  const res = await fetch(u);
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { /* svg */ }
  return { status: res.status, headers: res.headers, text, json };
}

function assertSvg(res) {
  assert.equal(res.status, 200, `${res.status} ${res.text.slice(0, 300)}`);
  assert.match(res.headers.get('content-type') ?? '', /^image\/svg\+xml\b/);
  const svg = res.text.trim();
  assert.ok(svg.length > 200, `non-empty SVG: ${svg.slice(0, 200)}`);
  assert.match(svg, /^(<\?xml[^>]*\?>\s*)?<svg\b[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>/, svg.slice(0, 200));
  assert.match(svg, /<\/svg>$/);
  assert.match(svg, /viewBox="0 0 \d+ \d+"/, 'a viewBox (scales to any size)');
  assert.match(svg, /<(path|rect)\b/, 'draws modules');
  // Well-formed: tags nest and close properly (a small stack check; no XML parser in node).
  const stack = [];
  for (const m of svg.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([a-zA-Z][\w:-]*)\b[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (!closing) stack.push(name);
    else assert.equal(stack.pop(), name, `</${name}> closes the open element`);
  }
  assert.deepEqual(stack, [], 'every element is closed');
  assert.doesNotMatch(svg, /<script|href=|javascript:/i);
  return svg;
}

srv.test('the otpauth URI of a fresh enrollment renders as an SVG QR code', async () => {
  const c = newClient(srv.url);
  const u = await signUpUser(c, uniqueEmail('qr'));
  const t = assertEnvelope(await c.post('/v1/me/totp', {}, me(u.sessionId))).response;
  const res = await qr(t.uri);
  assertSvg(res);
  assert.match(res.headers.get('cache-control') ?? '', /no-store/, 'the URI holds a secret: not cached');
  // The data is not echoed in clear into the document.
  assert.ok(!res.text.includes(t.secret), 'the secret does not appear as text in the SVG');
});

srv.test('different data → different QR; 512 characters is the limit', async () => {
  const a = assertSvg(await qr('otpauth://totp/A:a@example.com?secret=JBSWY3DPEHPK3PXP&issuer=A'));
  const b = assertSvg(await qr('otpauth://totp/B:b@example.com?secret=JBSWY3DPEHPK3PXQ&issuer=B'));
  assert.notEqual(a, b);
  assertSvg(await qr('x'.repeat(512)));
  assertClerkError(await qr('x'.repeat(513)), { status: 422, code: 'form_param_format_invalid', param: 'data' });
  assertClerkError(await qr(''), { status: 422, code: 'form_param_format_invalid', param: 'data' });
  assertClerkError(await qr(undefined), { status: 422, code: 'form_param_format_invalid', param: 'data' });
});
