// Vite build of the React demo (seed 000: Core 3 custom sign-in flow with MFA), served by Tessera
// at /react/. Run by web/build.mjs (target "react"); `npx vite build --config web/react/vite.config.mjs`
// works too. No @vitejs/plugin-react: esbuild compiles the JSX (automatic runtime).
import { defineConfig } from 'vite'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const here = dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  root: here,
  base: '/react/',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: join(here, '..', 'dist', 'react'),
    emptyOutDir: true,
    // clerk-js is one large self-contained module; that is expected, not a problem to warn about.
    chunkSizeWarningLimit: 4096,
  },
})
