// Tessera demo page: the vanilla JavaScript custom flow from Clerk's guide "Build a custom sign-in
// flow with multi-factor authentication" (legacy API, seed 001), plus an email-code sign-up and a
// signed-in view. It uses the unchanged @clerk/clerk-js from npm, served by Tessera itself.
import { Clerk } from './vendor/clerk.mjs'

// A production-shaped key: 'pk_live_' + base64('clerk.tessera.test$') without padding. clerk-js
// requires exactly two underscores and a decoded host that contains a dot and ends in one '$'.
// The host is never contacted: with a proxyUrl every Frontend API call goes to
// <page origin>/__clerk/v1/..., i.e. to the Tessera that served this page (same origin: no CORS,
// first-party cookies, plain http works).
const PUBLISHABLE_KEY = 'pk_live_Y2xlcmsudGVzc2VyYS50ZXN0JA'

const clerk = new Clerk(PUBLISHABLE_KEY, { proxyUrl: '/__clerk' })
window.clerk = clerk // for the end-to-end tests and for poking around in the console

const $ = (selector) => document.querySelector(selector)

// Which step of the signed-out flows is on screen: 'start' (sign-in and sign-up forms),
// 'second_factor' (#verifying) or 'sign_up_code' (#sign-up-verifying).
let step = 'start'
// The strategy #verifying sends: 'totp' (or 'backup_code' when the box is ticked), or
// 'email_code' when the sign-in needs Client Trust.
let secondFactorMode = 'totp'

// ---- helpers -------------------------------------------------------------------------------

function errorText(err) {
  // A ClerkAPIResponseError carries the server's errors[] with camelCased fields.
  const first = err?.errors?.[0]
  return first?.longMessage || first?.message || err?.message || String(err)
}

function showError(err) {
  const line = $('#error')
  line.textContent = typeof err === 'string' ? err : errorText(err)
  line.hidden = false
}

function clearError() {
  const line = $('#error')
  line.textContent = ''
  line.hidden = true
}

// Runs an async form action with the form's buttons disabled and errors shown on the page.
async function run(form, action) {
  clearError()
  const buttons = form ? [...form.querySelectorAll('button')] : []
  buttons.forEach((b) => (b.disabled = true))
  try {
    await action()
  } catch (err) {
    // See https://clerk.com/docs/guides/development/custom-flows/error-handling
    console.error('Error:', JSON.stringify(err, null, 2))
    showError(err)
  } finally {
    buttons.forEach((b) => (b.disabled = false))
  }
}

function decodeJwtPayload(jwt) {
  const part = jwt.split('.')[1]
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/')
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4)
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0))
  return JSON.parse(new TextDecoder().decode(bytes))
}

// ---- rendering -----------------------------------------------------------------------------

let renderSeq = 0

async function render() {
  const seq = ++renderSeq
  const user = clerk.user
  const signedIn = Boolean(user)
  $('#signed-in').hidden = !signedIn
  $('#signed-out').hidden = signedIn
  document.body.dataset.view = signedIn ? 'signed-in' : step

  if (!signedIn) {
    $('#sign-in').hidden = step !== 'start'
    $('#sign-up').hidden = step !== 'start'
    $('#verifying').hidden = step !== 'second_factor'
    $('#sign-up-verifying').hidden = step !== 'sign_up_code'
    $('#claims').textContent = ''
    return
  }

  const session = clerk.session
  $('#user-email').textContent = user.primaryEmailAddress?.emailAddress ?? '(no email address)'
  $('#user-id').textContent = user.id
  $('#session-id').textContent = session?.id ?? ''
  const task = session?.currentTask?.key
  $('#session-status').textContent = (session?.status ?? '') + (task ? ` (task: ${task})` : '')

  try {
    const token = await session?.getToken()
    if (seq !== renderSeq) return
    $('#claims').textContent = token
      ? JSON.stringify(decodeJwtPayload(token), null, 2)
      : '(no session token)'
  } catch (err) {
    if (seq !== renderSeq) return
    $('#claims').textContent = `(could not get a session token: ${errorText(err)})`
  }
}

function goTo(nextStep) {
  step = nextStep
  render()
}

// ---- sign-in (seed 001) --------------------------------------------------------------------

async function continueSignIn(signIn) {
  switch (signIn.status) {
    case 'complete':
      // If verification was completed, set the session to active.
      await clerk.setActive({ session: signIn.createdSessionId })
      step = 'start'
      $('#sign-in-form').reset()
      $('#verifying').reset()
      await render()
      return
    case 'needs_second_factor':
      // Show the TOTP / backup code form.
      secondFactorMode = 'totp'
      $('#verifying-hint').textContent =
        'Enter the code from your authenticator app, or one of your backup codes.'
      $('#backup-code-row').hidden = false
      goTo('second_factor')
      $('#totp').focus()
      return
    case 'needs_client_trust': {
      // Client Trust: a password sign-in from a new device is confirmed with a code sent to the
      // user's email address.
      const factor = signIn.supportedSecondFactors?.find((f) => f.strategy === 'email_code')
      if (!factor) {
        showError('This sign-in needs Client Trust, but no email code factor is offered.')
        return
      }
      await clerk.client.signIn.prepareSecondFactor({
        strategy: 'email_code',
        emailAddressId: factor.emailAddressId,
      })
      secondFactorMode = 'email_code'
      $('#verifying-hint').textContent =
        `This device is new. We sent a code to ${factor.safeIdentifier ?? 'your email address'}.`
      $('#backup-code-row').hidden = true
      goTo('second_factor')
      $('#totp').focus()
      return
    }
    default:
      // If the status is not complete, check why. The user may need to complete further steps.
      console.error('Sign-in attempt not complete:', JSON.stringify(signIn, null, 2))
      showError(`The sign-in needs a step this demo does not handle (status: ${signIn.status}).`)
  }
}

$('#sign-in-form').addEventListener('submit', (e) => {
  e.preventDefault()
  const form = e.currentTarget
  const formData = new FormData(form)
  const emailAddress = formData.get('email')
  const password = formData.get('password')
  run(form, async () => {
    // Start the sign-in process using the email and password provided.
    const signIn = await clerk.client.signIn.create({ identifier: emailAddress, password })
    await continueSignIn(signIn)
  })
})

$('#verifying').addEventListener('submit', (e) => {
  e.preventDefault()
  const form = e.currentTarget
  const code = $('#totp').value.trim()
  const useBackupCode = $('#backupCode').checked
  const strategy =
    secondFactorMode === 'email_code' ? 'email_code' : useBackupCode ? 'backup_code' : 'totp'
  run(form, async () => {
    // Attempt the TOTP or backup code verification.
    const signInAttempt = await clerk.client.signIn.attemptSecondFactor({ strategy, code })
    await continueSignIn(signInAttempt)
  })
})

$('#verify-cancel').addEventListener('click', () => {
  clearError()
  $('#verifying').reset()
  goTo('start')
})

// ---- sign-up -------------------------------------------------------------------------------

$('#sign-up-form').addEventListener('submit', (e) => {
  e.preventDefault()
  const form = e.currentTarget
  const formData = new FormData(form)
  const emailAddress = formData.get('email')
  const password = formData.get('password')
  run(form, async () => {
    await clerk.client.signUp.create({ emailAddress, password })
    // Send the user an email with the verification code.
    await clerk.client.signUp.prepareEmailAddressVerification({ strategy: 'email_code' })
    $('#sign-up-verifying-email').textContent = emailAddress
    goTo('sign_up_code')
    $('#sign-up-code').focus()
  })
})

$('#sign-up-verifying').addEventListener('submit', (e) => {
  e.preventDefault()
  const form = e.currentTarget
  const code = $('#sign-up-code').value.trim()
  run(form, async () => {
    const signUp = await clerk.client.signUp.attemptEmailAddressVerification({ code })
    if (signUp.status === 'complete') {
      await clerk.setActive({ session: signUp.createdSessionId })
      step = 'start'
      $('#sign-up-form').reset()
      $('#sign-up-verifying').reset()
      await render()
    } else {
      console.error('Sign-up attempt not complete:', JSON.stringify(signUp, null, 2))
      const missing = signUp.missingFields?.length ? `; missing: ${signUp.missingFields}` : ''
      showError(`The sign-up is not complete (status: ${signUp.status}${missing}).`)
    }
  })
})

$('#sign-up-cancel').addEventListener('click', () => {
  clearError()
  $('#sign-up-verifying').reset()
  goTo('start')
})

// ---- signed in -----------------------------------------------------------------------------

$('#sign-out').addEventListener('click', (e) => {
  run(e.currentTarget.parentElement, async () => {
    // With a callback, clerk-js calls it instead of navigating to after_sign_out_url (which
    // would reload this page).
    await clerk.signOut(async () => {
      step = 'start'
      await render()
    })
  })
})

// ---- start ---------------------------------------------------------------------------------

const statusLine = $('#status')
try {
  await clerk.load({ telemetry: false })
} catch (err) {
  console.error('Clerk failed to load:', err)
  showError(err)
}
// load() can resolve without the Frontend API having answered (see the clerk-js probe, §9), so
// show clerk-js's own status: 'ready' is the only good one.
statusLine.textContent = clerk.status
statusLine.dataset.status = clerk.status
clerk.addListener(() => render())
await render()
