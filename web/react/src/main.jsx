// Tessera demo: Clerk's Core 3 custom sign-in flow with MFA (seed 000, written for Next.js) as a
// plain React app. @clerk/react 6 gets the Clerk class from the bundled @clerk/clerk-js, so no
// script is hot-loaded from a CDN and no prebuilt UI is fetched (headless, custom flows only).
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ClerkProvider } from '@clerk/react'
import { Clerk } from '@clerk/clerk-js'
import App, { navigate } from './App.jsx'

// Same production-shaped key as the vanilla demo page: 'pk_live_' + base64('clerk.tessera.test$').
// Its host is never contacted: with proxyUrl="/__clerk" every Frontend API call goes to
// <page origin>/__clerk/v1/..., i.e. to the Tessera that serves this page.
const PUBLISHABLE_KEY = 'pk_live_Y2xlcmsudGVzc2VyYS50ZXN0JA'

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <ClerkProvider
      publishableKey={PUBLISHABLE_KEY}
      Clerk={Clerk}
      proxyUrl="/__clerk"
      telemetry={false}
      prefetchUI={false}
      // clerk.signOut() and other Clerk-initiated navigation stay in this app, without a reload.
      afterSignOutUrl="/react/"
      routerPush={(to) => navigate(to)}
      routerReplace={(to) => navigate(to, { replace: true })}
    >
      <App />
    </ClerkProvider>
  </StrictMode>,
)
