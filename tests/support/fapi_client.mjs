// A tiny FAPI client that talks to Tessera the way @clerk/clerk-js does on the wire:
// GET or POST only, form-encoded bodies, `_method=` for other verbs, the two version
// query parameters on every request, and a cookie jar (the `__client` cookie is the
// client identity in non-dev-browser mode).
//
//   const c = new FapiClient(srv.url, { origin: 'http://localhost:3000' });
//   const r = await c.post('/v1/client/sign_ups', { email_address: 'a@b.co', password: '...' });
//   r.status, r.headers (a Headers), r.json (parsed body or undefined), r.text (raw body)

export const CLERK_API_VERSION = '2026-08-20';
export const CLERK_JS_VERSION = '6.40.0';

export class CookieJar {
  constructor() {
    /** @type {Map<string, {value:string, attrs:Record<string,string|true>, raw:string}>} */
    this.cookies = new Map();
  }

  /** Parse one Set-Cookie header value. */
  static parse(raw) {
    const parts = raw.split(';');
    const first = parts.shift();
    const eq = first.indexOf('=');
    const name = first.slice(0, eq).trim();
    const value = first.slice(eq + 1).trim();
    const attrs = {};
    for (const p of parts) {
      const i = p.indexOf('=');
      const k = (i < 0 ? p : p.slice(0, i)).trim().toLowerCase();
      if (!k) continue;
      attrs[k] = i < 0 ? true : p.slice(i + 1).trim();
    }
    return { name, value, attrs, raw };
  }

  store(setCookieHeaders) {
    for (const raw of setCookieHeaders) {
      const c = CookieJar.parse(raw);
      if (!c.name) continue;
      const maxAge = c.attrs['max-age'];
      const expires = c.attrs.expires;
      const expired =
        (maxAge !== undefined && maxAge !== true && Number(maxAge) <= 0) ||
        (expires && expires !== true && Date.parse(expires) <= Date.now());
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c);
    }
  }

  get(name) {
    return this.cookies.get(name)?.value;
  }

  set(name, value) {
    this.cookies.set(name, { name, value, attrs: {}, raw: `${name}=${value}` });
  }

  delete(name) {
    this.cookies.delete(name);
  }

  clear() {
    this.cookies.clear();
  }

  header() {
    return [...this.cookies.values()].map((c) => `${c.name}=${c.value}`).join('; ');
  }
}

function appendParams(usp, obj) {
  if (!obj) return;
  if (obj instanceof URLSearchParams) {
    for (const [k, v] of obj) usp.append(k, v);
    return;
  }
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) usp.append(k, String(x));
    else if (v === null) usp.append(k, '');
    else if (typeof v === 'object') usp.append(k, JSON.stringify(v));
    else usp.append(k, String(v));
  }
}

export class FapiClient {
  /**
   * @param {string} baseUrl  e.g. http://127.0.0.1:1234 (no trailing /v1)
   * @param {object} [opts]
   * @param {string} [opts.origin]          sent as the Origin header
   * @param {boolean} [opts.versionParams]  add __clerk_api_version/_clerk_js_version (default true)
   * @param {string} [opts.devBrowser]      dev-browser token, sent as __clerk_db_jwt
   * @param {boolean} [opts.cookies]        use the cookie jar (default true)
   */
  constructor(baseUrl, { origin, versionParams = true, devBrowser, cookies = true } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.origin = origin;
    this.versionParams = versionParams;
    this.devBrowser = devBrowser;
    this.useCookies = cookies;
    this.jar = new CookieJar();
    /** @type {Array<{method:string,url:string,status:number}>} */
    this.history = [];
  }

  buildUrl(path, query) {
    const u = new URL(path.startsWith('http') ? path : this.baseUrl + path);
    const usp = u.searchParams;
    if (this.versionParams) {
      if (!usp.has('__clerk_api_version')) usp.set('__clerk_api_version', CLERK_API_VERSION);
      if (!usp.has('_clerk_js_version')) usp.set('_clerk_js_version', CLERK_JS_VERSION);
    }
    if (this.devBrowser && !usp.has('__clerk_db_jwt')) usp.set('__clerk_db_jwt', this.devBrowser);
    appendParams(usp, query);
    return u.toString();
  }

  /**
   * Low-level request.
   * @param {string} method  HTTP method actually sent
   * @param {string} path
   * @param {object} [o]
   * @param {object|URLSearchParams} [o.query]
   * @param {object|URLSearchParams} [o.form]   form-encoded body
   * @param {string|Buffer} [o.body]             raw body (overrides form)
   * @param {Record<string,string>} [o.headers]
   * @param {boolean} [o.noCookies]             don't send the jar this time
   */
  async request(method, path, { query, form, body, headers = {}, noCookies = false } = {}) {
    const url = this.buildUrl(path, query);
    const h = { ...headers };
    if (this.origin && !('Origin' in h) && !('origin' in h)) h.Origin = this.origin;
    if (this.useCookies && !noCookies && this.jar.cookies.size && !('Cookie' in h)) h.Cookie = this.jar.header();
    let payload;
    if (method !== 'GET' && method !== 'HEAD') {
      if (body !== undefined) payload = body;
      else {
        const usp = new URLSearchParams();
        appendParams(usp, form);
        payload = usp.toString();
      }
      if (!('Content-Type' in h) && !('content-type' in h)) h['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(url, { method, headers: h, body: payload, redirect: 'manual' });
    const setCookies = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [];
    if (this.useCookies) this.jar.store(setCookies);
    const text = await res.text();
    let json;
    try {
      json = text.length ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    this.history.push({ method, url, status: res.status });
    return { status: res.status, headers: res.headers, json, text, setCookies, url };
  }

  get(path, query, opts = {}) {
    return this.request('GET', path, { ...opts, query });
  }

  post(path, form, query, opts = {}) {
    return this.request('POST', path, { ...opts, form, query });
  }

  patch(path, form, query, opts = {}) {
    return this.request('POST', path, { ...opts, form, query: { ...(query || {}), _method: 'PATCH' } });
  }

  delete(path, form, query, opts = {}) {
    return this.request('POST', path, { ...opts, form, query: { ...(query || {}), _method: 'DELETE' } });
  }

  put(path, form, query, opts = {}) {
    return this.request('POST', path, { ...opts, form, query: { ...(query || {}), _method: 'PUT' } });
  }

  options(path, headers = {}) {
    return this.request('OPTIONS', path, { headers });
  }

  /** A new client sharing nothing with this one (fresh cookie jar). */
  fresh(opts = {}) {
    return new FapiClient(this.baseUrl, { origin: this.origin, versionParams: this.versionParams, ...opts });
  }
}

/** Short description of a response, for assertion messages. */
export function describe(res) {
  return `${res.status} ${res.text?.slice(0, 800)}`;
}
