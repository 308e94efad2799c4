// The reset-password session task: the password this sign-in used is one the instance's policy no
// longer accepts (too short, or well known), so the user sets a new one before the session turns
// active. It does what Clerk's <TaskResetPassword/> does: user.updatePassword() with the new
// password only (the sign-in just proved the old one) and signOutOfOtherSessions, then setActive()
// on the session to pick up its remaining tasks.
import { useState } from 'react'
import { useClerk } from '@clerk/react'

export default function ResetPasswordTask() {
  const clerk = useClerk()
  // Outside the form: React resets a <form action> after the action runs.
  const [error, setError] = useState(null)
  const [busy, setBusy] = useState(false)

  const setNewPassword = async (formData) => {
    setBusy(true)
    setError(null)
    try {
      await clerk.user.updatePassword({
        newPassword: formData.get('newPassword'),
        signOutOfOtherSessions: true,
      })
      await clerk.setActive({ session: clerk.session.id })
    } catch (e) {
      setError(e.errors?.[0]?.longMessage ?? e.errors?.[0]?.message ?? String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section id="session-task" data-task="reset-password">
      <h1>Set a new password</h1>
      <p className="hint">
        The password you signed in with is no longer accepted here. Choose a new one to continue
        (task <code>reset-password</code>). Your other sessions will be signed out.
      </p>
      <form id="reset-password-form" action={setNewPassword}>
        <input
          type="email"
          name="identifier"
          autoComplete="username"
          value={clerk.user?.primaryEmailAddress?.emailAddress ?? ''}
          readOnly
          hidden
        />
        <div>
          <label htmlFor="new-password">New password</label>
          <input id="new-password" name="newPassword" type="password" autoComplete="new-password" />
          {error && (
            <p id="new-password-error" className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" id="reset-password-button" disabled={busy}>
          Set new password
        </button>
      </form>
    </section>
  )
}
