#!/usr/bin/env node
// Builds the demo web assets into web/dist/, which Tessera serves at "/".
//
//   node web/build.mjs            build every target
//   node web/build.mjs vanilla    build only the named target(s)
//
// Each target writes its own part of web/dist/. To add one (e.g. the Vite build of the React
// page), append an entry to `targets` below; keep the output under its own sub-directory of
// dist/ unless it is the page served at "/".
import { cp, mkdir, rm, stat, readdir } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readFileSync } from 'node:fs'

const webDir = dirname(fileURLToPath(import.meta.url))
const rootDir = dirname(webDir)
const distDir = join(webDir, 'dist')

const rel = (p) => relative(rootDir, p)

async function exists(p) {
  try {
    await stat(p)
    return true
  } catch {
    return false
  }
}

// Resolves a file inside an installed npm package, with a clear message when `npm ci` has not
// run yet.
// (Read from node_modules directly: clerk-js's "exports" map does not expose package.json.)
function installedPackage(pkg) {
  const dir = join(rootDir, 'node_modules', pkg)
  let manifest
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  } catch {
    throw new Error(`${pkg} is not installed: run \`npm ci\` (scripts/install-deps does)`)
  }
  return { dir, version: manifest.version, file: (f) => join(dir, f) }
}

async function copyDir(from, to) {
  await mkdir(to, { recursive: true })
  await cp(from, to, { recursive: true })
  return (await readdir(from)).length
}

// A folder of web/pages/ copied as it is into dist.
function staticPage(name, folder, to) {
  return {
    name,
    async build() {
      const from = join(webDir, 'pages', folder)
      const n = await copyDir(from, to)
      return `${n} files from ${rel(from)} → ${rel(to)}`
    },
  }
}

const targets = [
  // The seed's vanilla clerk-js page (sign in + MFA, sign up, signed-in view) at "/".
  staticPage('vanilla', 'vanilla', distDir),
  // The stylesheet every page shares, at /shared/ (the React build inlines it).
  staticPage('shared', 'shared', join(distDir, 'shared')),
  {
    // The unchanged ESM build of @clerk/clerk-js (self-contained: it loads no further chunks),
    // imported by the pages as ./vendor/clerk.mjs. No CDN is involved.
    name: 'vendor',
    async build() {
      const clerkJs = installedPackage('@clerk/clerk-js')
      const version = clerkJs.version
      await mkdir(join(distDir, 'vendor'), { recursive: true })
      await cp(clerkJs.file('dist/clerk.mjs'), join(distDir, 'vendor', 'clerk.mjs'))
      return `@clerk/clerk-js ${version} → ${rel(join(distDir, 'vendor', 'clerk.mjs'))}`
    },
  },
  {
    // The SDK's browser bundles where Clerk's Frontend API serves them, for SDKs that load them at
    // run time (@clerk/react and @clerk/nextjs without the `Clerk` prop): clerk-js at
    // /npm/@clerk/clerk-js@<major>/dist/clerk.browser.js, the UI components (which those SDKs load
    // before they report ready) at /npm/@clerk/ui@<major>/dist/ui.browser.js, each with the chunks
    // it loads from beside itself. The server maps any version of a major to its folder
    // (src/fapi/npm_assets.cpp).
    name: 'npm',
    async build() {
      const bundles = [
        ['@clerk/clerk-js', /^(clerk(\.legacy)?\.browser\.js|.+_clerk(\.legacy)?\.browser_[0-9a-f]+_[0-9.]+\.js)$/],
        ['@clerk/ui', /^(ui(\.legacy|\.shared)?\.browser\.js|.+_ui_[0-9a-f]+_[0-9.]+\.js)$/],
      ]
      const done = []
      for (const [name, files] of bundles) {
        const pkg = installedPackage(name)
        const major = pkg.version.split('.')[0]
        const to = join(distDir, 'npm', `${name}@${major}`, 'dist')
        await mkdir(to, { recursive: true })
        const wanted = (await readdir(pkg.file('dist'))).filter((f) => files.test(f))
        for (const f of wanted) await cp(pkg.file(join('dist', f)), join(to, f))
        done.push(`${name} ${pkg.version} (${wanted.length} files) → ${rel(to)}`)
      }
      return done.join('; ')
    },
  },
  // The "manage two-factor authentication" page (vanilla JS + ../vendor/clerk.mjs) at /manage/.
  staticPage('manage', 'manage', join(distDir, 'manage')),
  {
    // Seed 000 (Core 3 useSignIn() MFA flow) as a React app: @clerk/react 6 + bundled
    // @clerk/clerk-js, built by Vite into dist/react/ and served at /react/.
    name: 'react',
    async build() {
      const { build } = await import('vite')
      const configFile = join(webDir, 'react', 'vite.config.mjs')
      await build({ configFile, logLevel: 'warn' })
      const n = (await readdir(join(distDir, 'react', 'assets'))).length
      return `vite build of ${rel(join(webDir, 'react'))} → ${rel(join(distDir, 'react'))} (${n} assets)`
    },
  },
]

async function main() {
  const wanted = process.argv.slice(2)
  const unknown = wanted.filter((w) => !targets.some((t) => t.name === w))
  if (unknown.length) {
    throw new Error(`unknown target(s): ${unknown.join(', ')}; known: ${targets.map((t) => t.name).join(', ')}`)
  }
  const selected = wanted.length ? targets.filter((t) => wanted.includes(t.name)) : targets
  // A full build starts from an empty dist/ so nothing stale is served.
  if (!wanted.length && (await exists(distDir))) await rm(distDir, { recursive: true, force: true })
  await mkdir(distDir, { recursive: true })
  for (const target of selected) {
    const started = Date.now()
    const what = await target.build()
    console.log(`web: ${target.name.padEnd(8)} ${what} (${Date.now() - started} ms)`)
  }
}

main().catch((err) => {
  console.error(`web/build.mjs: ${err.message}`)
  process.exit(1)
})
