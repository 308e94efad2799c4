// The better-auth peer for bench/run: email + password, the twoFactor plugin (TOTP) and the jwt
// plugin (RS256, like Tessera's session tokens), on PostgreSQL through a pg pool, passwords as
// argon2id m=19456 t=2 p=1 through @node-rs/argon2, rate limiter off.
//
//   DATABASE_URL=postgres://… PORT=… node server.mjs     → prints "ready <port>" when listening
import http from 'node:http';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import { jwt, twoFactor } from 'better-auth/plugins';
import pg from 'pg';

const port = Number(process.env.PORT || 3999);
const argon2 = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

const options = {
  appName: 'bench',
  baseURL: `http://127.0.0.1:${port}`,
  secret: 'bench-secret-bench-secret-bench-secret-0123456789',
  database: new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 }),
  emailAndPassword: {
    enabled: true,
    password: {
      hash: (password) => hash(password, argon2),
      verify: ({ hash: digest, password }) => verify(digest, password),
    },
  },
  rateLimit: { enabled: false },
  advanced: { disableCSRFCheck: true, disableOriginCheck: true },
  telemetry: { enabled: false },
  plugins: [
    twoFactor({ issuer: 'bench' }),
    jwt({ jwks: { keyPairConfig: { alg: 'RS256', modulusLength: 2048 } } }),
  ],
};

const { runMigrations } = await getMigrations(options);
await runMigrations();
const auth = betterAuth(options);
http.createServer(toNodeHandler(auth)).listen(port, '127.0.0.1', () => console.log(`ready ${port}`));
