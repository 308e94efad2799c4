// Seed 000: "Build a custom sign-in flow with multi-factor authentication (MFA)" (Core 3,
// `useSignIn()` from @clerk/react 6), adapted from Next.js to plain React:
//  - `useRouter().push()` → navigate() from App.jsx (history.pushState);
//  - `signIn.mfa.sendPhoneCode()` only when the user has a phone second factor (the seed calls it
//    unconditionally, which fails for an authenticator-app-only user);
//  - a choice between the SMS code and the authenticator app (the seed's comment: "If you're using
//    the authenticator app strategy, use verifyTOTP instead");
//  - `needs_client_trust` handled with `signIn.mfa.sendEmailCode()` / `verifyEmailCode()`.
// The markup and the error display (`errors.fields.*` under the inputs, buttons disabled while
// `fetchStatus === 'fetching'`) follow the seed; ids and data-* attributes are for the tests.
import { useState } from 'react'
import { useSignIn } from '@clerk/react'
import { FORGOT_PASSWORD_URL, navigate } from './App.jsx'
import Field from './Field.jsx'

const hasFactor = (signIn, strategy) =>
  (signIn.supportedSecondFactors ?? []).some((f) => f.strategy === strategy)

function safeJson(value) {
  try {
    return JSON.stringify(value, null, 2)
  } catch {
    return String(value)
  }
}

function GlobalErrors({ errors }) {
  const list = errors?.global ?? []
  if (!list.length) return null
  return (
    <p id="global-error" className="field-error" role="alert">
      {list.map((e) => e.longMessage || e.message).join(' ')}
    </p>
  )
}

export default function SignInPage() {
  const { signIn, errors, fetchStatus } = useSignIn()
  // Which second factor the code form verifies: 'phone_code' or 'totp'. null = the default
  // (the SMS code when the user has a phone second factor, as in the seed; else the app).
  const [method, setMethod] = useState(null)

  const phoneAvailable = hasFactor(signIn, 'phone_code')
  const totpAvailable = hasFactor(signIn, 'totp')
  const backupAvailable = hasFactor(signIn, 'backup_code')
  const secondFactor = method ?? (phoneAvailable ? 'phone_code' : 'totp')
  const fetching = fetchStatus === 'fetching'

  const finalize = () =>
    signIn.finalize({
      navigate: ({ session, decorateUrl }) => {
        // Handle pending session tasks
        // See https://clerk.com/docs/guides/development/custom-flows/authentication/session-tasks
        if (session?.currentTask) {
          console.log(session?.currentTask)
          return
        }

        // If no session tasks, navigate the signed-in user to the home page
        const url = decorateUrl('/react/')
        if (url.startsWith('http')) {
          window.location.href = url
        } else {
          navigate(url)
        }
      },
    })

  // Step 1: Create the sign-in
  const handleSubmit = async (formData) => {
    const emailAddress = formData.get('email')
    const password = formData.get('password')

    setMethod(null)
    const { error } = await signIn.password({
      emailAddress,
      password,
    })
    if (error) return // shown through `errors` (e.g. errors.fields.password)

    if (signIn.status === 'complete') {
      await finalize()
    } else if (signIn.status === 'needs_second_factor') {
      // The seed sends the SMS code right away; only do that if there is a phone to send it to.
      if (hasFactor(signIn, 'phone_code')) await signIn.mfa.sendPhoneCode()
    } else if (signIn.status === 'needs_client_trust') {
      // See https://clerk.com/docs/guides/development/custom-flows/authentication/client-trust
      await signIn.mfa.sendEmailCode()
    } else {
      // Check why the sign-in is not complete
      console.error('Sign-in attempt not complete:', signIn)
    }
  }

  // Step 2: Handle the MFA verification
  const handleMFAVerification = async (formData) => {
    const code = formData.get('code')
    const useBackupCode = formData.get('useBackupCode') === 'on'

    if (useBackupCode) {
      await signIn.mfa.verifyBackupCode({ code })
    } else if (secondFactor === 'phone_code') {
      await signIn.mfa.verifyPhoneCode({ code })
    } else {
      // The authenticator app strategy
      await signIn.mfa.verifyTOTP({ code })
    }

    if (signIn.status === 'complete') {
      await finalize()
    }
  }

  // Client Trust: a password sign-in from a new device, confirmed with an emailed code.
  const handleClientTrust = async (formData) => {
    const code = formData.get('code')
    await signIn.mfa.verifyEmailCode({ code })
    if (signIn.status === 'complete') {
      await finalize()
    }
  }

  const startOver = (
    <button type="button" className="link" id="start-over" onClick={() => signIn.reset()}>
      Start over
    </button>
  )

  // Step 2 UI: Display the MFA verification form
  if (signIn.status === 'needs_second_factor') {
    return (
      <div id="mfa" data-method={secondFactor}>
        <h1>Verify your account</h1>
        {/* The method choice sits outside the <form>: React resets a form after its action
            runs, which would put these (controlled) radios back to their initial state. */}
        {phoneAvailable && totpAvailable && (
          <fieldset id="mfa-method">
            <legend>Second factor</legend>
            <label className="inline">
              <input
                type="radio"
                id="method-phone"
                name="method"
                value="phone_code"
                checked={secondFactor === 'phone_code'}
                onChange={() => setMethod('phone_code')}
              />
              SMS code
            </label>
            <label className="inline">
              <input
                type="radio"
                id="method-totp"
                name="method"
                value="totp"
                checked={secondFactor === 'totp'}
                onChange={() => setMethod('totp')}
              />
              Authenticator app
            </label>
          </fieldset>
        )}
        <form id="mfa-form" action={handleMFAVerification}>
          <p className="hint" id="mfa-hint">
            {secondFactor === 'phone_code'
              ? `Enter the code we sent to ${
                  signIn.supportedSecondFactors.find((f) => f.strategy === 'phone_code')?.safeIdentifier ??
                  'your phone'
                }.`
              : 'Enter the code from your authenticator app.'}
            {backupAvailable && ' Or tick the box and enter one of your backup codes.'}
          </p>
          <Field id="code" label="Code" autoComplete="one-time-code" error={errors.fields.code} />
          <div>
            <label className="inline">
              Use backup code
              <input type="checkbox" id="use-backup-code" name="useBackupCode" />
            </label>
          </div>
          <GlobalErrors errors={errors} />
          <button type="submit" id="verify-button" disabled={fetching}>
            Verify
          </button>
          {secondFactor === 'phone_code' && (
            <button
              type="button"
              className="link"
              id="resend-phone-code"
              disabled={fetching}
              onClick={() => signIn.mfa.sendPhoneCode()}
            >
              Send a new code
            </button>
          )}
          {startOver}
        </form>
      </div>
    )
  }

  if (signIn.status === 'needs_client_trust') {
    const email = signIn.supportedSecondFactors.find((f) => f.strategy === 'email_code')
    return (
      <div id="client-trust">
        <h1>Verify it's you</h1>
        <p className="hint">
          This device is new. We sent a code to {email?.safeIdentifier ?? 'your email address'}.
        </p>
        <form id="client-trust-form" action={handleClientTrust}>
          <Field id="code" label="Code" autoComplete="one-time-code" error={errors.fields.code} />
          <GlobalErrors errors={errors} />
          <button type="submit" id="verify-button" disabled={fetching}>
            Verify
          </button>
          {startOver}
        </form>
      </div>
    )
  }

  // Step 1 UI: Display the sign-in form
  return (
    <div id="sign-in">
      <h1>Sign in</h1>
      <form id="sign-in-form" action={handleSubmit}>
        <Field
          id="email"
          label="Enter email address"
          type="email"
          autoComplete="username"
          error={errors.fields.identifier}
          errorId="identifier-error"
        />
        <Field
          id="password"
          label="Enter password"
          type="password"
          autoComplete="current-password"
          error={errors.fields.password}
        />
        <GlobalErrors errors={errors} />
        <button type="submit" id="sign-in-button" disabled={fetching}>
          Continue
        </button>
      </form>
      <a
        id="forgot-password-link"
        href={FORGOT_PASSWORD_URL}
        onClick={(event) => {
          event.preventDefault()
          navigate(FORGOT_PASSWORD_URL)
        }}
      >
        Forgot password?
      </a>
      {/* For your debugging purposes. You can just console.log errors, but we put them in the UI for convenience */}
      {errors && (
        <pre id="errors-debug" className="debug">
          {safeJson(errors)}
        </pre>
      )}
    </div>
  )
}
