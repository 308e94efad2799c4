// Clerk's "Build a custom forgot password flow" (Core 3, email address), adapted from Next.js to
// plain React as SignInPage.jsx is: navigate() for router.push(); ids for the tests. Where the
// guide stops at needs_second_factor ("this UI does not handle that"), this page sends the SMS
// code if there is a phone and hands over to the sign-in page, which shows the MFA step of the
// same sign-in.
import { useState } from 'react'
import { useSignIn } from '@clerk/react'
import { navigate } from './App.jsx'
import Field from './Field.jsx'

export default function ForgotPasswordPage() {
  const { signIn, errors, fetchStatus } = useSignIn()
  const [codeSent, setCodeSent] = useState(false)
  const fetching = fetchStatus === 'fetching'

  // Step 1: Send the password reset code to the user's email
  async function sendCode(formData) {
    const { error: createError } = await signIn.create({ identifier: formData.get('email') })
    if (createError) return // shown through errors.fields.identifier
    const { error } = await signIn.resetPasswordEmailCode.sendCode()
    if (error) return
    setCodeSent(true)
  }

  // Step 2: Verify the code provided by the user
  async function verifyCode(formData) {
    await signIn.resetPasswordEmailCode.verifyCode({ code: formData.get('code') })
  }

  // Step 3: Submit the new password
  async function submitNewPassword(formData) {
    const { error } = await signIn.resetPasswordEmailCode.submitPassword({
      password: formData.get('password'),
      signOutOfOtherSessions: formData.get('signOutOfOtherSessions') === 'on',
    })
    if (error) return

    if (signIn.status === 'complete') {
      await signIn.finalize({
        navigate: ({ session, decorateUrl }) => {
          // A pending session's task is shown by App.jsx
          if (session?.currentTask) return
          navigate(decorateUrl('/react/'))
        },
      })
    } else if (signIn.status === 'needs_second_factor') {
      if ((signIn.supportedSecondFactors ?? []).some((f) => f.strategy === 'phone_code')) {
        await signIn.mfa.sendPhoneCode()
      }
      navigate('/react/')
    }
  }

  const back = (
    <a id="back-to-sign-in" href="/react/">
      Back to sign-in
    </a>
  )

  if (signIn.status === 'needs_new_password') {
    return (
      <div id="new-password">
        <h1>Set a new password</h1>
        <form id="new-password-form" action={submitNewPassword}>
          <Field
            id="password"
            label="Enter your new password"
            type="password"
            autoComplete="new-password"
            error={errors.fields.password}
          />
          <div>
            <label className="inline">
              Sign out of all other devices
              <input type="checkbox" id="sign-out-others" name="signOutOfOtherSessions" defaultChecked />
            </label>
          </div>
          <button type="submit" id="set-password-button" disabled={fetching}>
            Set new password
          </button>
        </form>
      </div>
    )
  }

  if (codeSent) {
    return (
      <div id="reset-code">
        <h1>Check your email</h1>
        <form id="reset-code-form" action={verifyCode}>
          <Field
            id="code"
            label="Enter the password reset code that was sent to your email"
            autoComplete="one-time-code"
            error={errors.fields.code}
          />
          <button type="submit" id="verify-reset-code" disabled={fetching}>
            Verify code
          </button>
        </form>
        {back}
      </div>
    )
  }

  return (
    <div id="forgot-password">
      <h1>Forgot password?</h1>
      <form id="forgot-password-form" action={sendCode}>
        <Field
          id="email"
          label="Provide your email address"
          type="email"
          autoComplete="username"
          error={errors.fields.identifier}
          errorId="identifier-error"
        />
        <button type="submit" id="send-reset-code" disabled={fetching}>
          Send password reset code
        </button>
      </form>
      {back}
    </div>
  )
}
