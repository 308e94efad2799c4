import { useEffect, useState } from 'react'
import { useAuth, useClerk, useUser } from '@clerk/react'
import ForgotPasswordPage from './ForgotPasswordPage.jsx'
import ResetPasswordTask from './ResetPasswordTask.jsx'
import SignInPage from './SignInPage.jsx'

// The forgot-password flow's address: the same page (Tessera serves /react/ only).
export const FORGOT_PASSWORD_URL = '/react/?view=forgot-password'

// The app is one page at /react/. `navigate` stands in for Next.js's router.push(): it changes
// the URL without a reload, and the page re-renders from Clerk's state (signed in or not).
export function navigate(url, { replace = false } = {}) {
  if (url.startsWith('http')) {
    window.location.href = url
    return
  }
  if (replace) window.history.replaceState(null, '', url)
  else window.history.pushState(null, '', url)
  window.dispatchEvent(new PopStateEvent('popstate'))
}

function useLocation() {
  const current = () => window.location.pathname + window.location.search
  const [path, setPath] = useState(current())
  useEffect(() => {
    const onPop = () => setPath(current())
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])
  return path
}

function SignedIn() {
  const { user } = useUser()
  const { sessionId } = useAuth()
  const { signOut } = useClerk()
  const [busy, setBusy] = useState(false)
  return (
    <section id="signed-in">
      <h1>Signed in</h1>
      <p>
        You are signed in as <strong id="user-email">{user?.primaryEmailAddress?.emailAddress}</strong>.
      </p>
      <p className="hint">
        User <code id="user-id">{user?.id}</code>, session <code id="session-id">{sessionId}</code>.
        Two-factor: <span id="two-factor-enabled">{String(user?.twoFactorEnabled ?? false)}</span>.{' '}
        <a id="manage-link" href="/manage/">
          Manage two-factor authentication
        </a>
      </p>
      <button
        type="button"
        id="sign-out"
        disabled={busy}
        onClick={async () => {
          setBusy(true)
          try {
            await signOut({ redirectUrl: '/react/' })
          } finally {
            setBusy(false)
          }
        }}
      >
        Sign out
      </button>
    </section>
  )
}

// A pending session is not signed in yet. reset-password is finished here; setup-mfa (Require
// MFA) by enrolling a second factor on the manage page. The last task done turns it active.
function SessionTask({ task }) {
  if (task.key === 'reset-password') return <ResetPasswordTask />
  return (
    <section id="session-task" data-task={task.key}>
      <h1>One more step</h1>
      <p>
        This application requires two-factor authentication (task <code>{task.key}</code>).{' '}
        <a id="setup-mfa-link" href="/manage/">
          Set up two-factor authentication
        </a>
      </p>
    </section>
  )
}

export default function App() {
  const clerk = useClerk()
  const { isLoaded, isSignedIn } = useAuth()
  const location = useLocation() // re-render on navigate()

  useEffect(() => {
    // The clerk-js instance @clerk/react constructed (it stores it in globalThis.Clerk), for the
    // end-to-end tests and for poking around in the console.
    if (isLoaded) window.clerk = globalThis.Clerk
  }, [isLoaded])

  const status = clerk.status ?? (isLoaded ? 'ready' : 'loading')
  const task = isLoaded && !isSignedIn ? clerk.session?.currentTask : null
  return (
    <>
      <header>
        <h1>Tessera demo (React)</h1>
        <p className="sub">
          <code>@clerk/react</code> 6 with the Core 3 <code>useSignIn()</code> custom flow, talking to
          Tessera at <code>/__clerk</code>.
          <span id="status" data-status={status}>
            {status}
          </span>
        </p>
      </header>
      <main
        data-view={!isLoaded ? 'loading' : isSignedIn ? 'signed-in' : task ? 'task' : 'signed-out'}
      >
        {!isLoaded ? null : isSignedIn ? (
          <SignedIn />
        ) : task ? (
          <SessionTask task={task} />
        ) : location === FORGOT_PASSWORD_URL ? (
          <ForgotPasswordPage />
        ) : (
          <SignInPage />
        )}
      </main>
    </>
  )
}
