// Tessera demo: manage the signed-in user's two-factor authentication with the unchanged
// @clerk/clerk-js (Clerk's "Manage MFA" custom flows, vanilla JS):
//   authenticator app  user.createTOTP() → user.verifyTOTP({code}) ; user.disableTOTP()
//   backup codes       user.createBackupCode()
//   SMS codes          user.createPhoneNumber({phoneNumber}) → phone.prepareVerification() →
//                      phone.attemptVerification({code}) → phone.setReservedForSecondFactor({reserved})
// The QR code of the otpauth:// URI is rendered by Tessera (/__tessera/qr.svg), so the page needs
// no QR library and nothing comes from a CDN.
import { Clerk } from '../vendor/clerk.mjs'

// The same production-shaped key as the demo page ('pk_live_' + base64('clerk.tessera.test$'));
// with proxyUrl every Frontend API call goes to <page origin>/__clerk/v1/...
const PUBLISHABLE_KEY = 'pk_live_Y2xlcmsudGVzc2VyYS50ZXN0JA'

const clerk = new Clerk(PUBLISHABLE_KEY, { proxyUrl: '/__clerk' })
window.clerk = clerk // for the end-to-end tests and the console

const $ = (selector) => document.querySelector(selector)

// The TOTP being enrolled ({secret, uri}) until it is verified or abandoned.
let pendingTotp = null
// The phone number waiting for its verification code.
let pendingPhone = null
// The most recently issued backup codes (shown once).
let backupCodes = null

// ---- helpers -------------------------------------------------------------------------------

function errorText(err) {
  const first = err?.errors?.[0]
  return first?.longMessage || first?.message || err?.message || String(err)
}

function showError(err) {
  $('#error').textContent = typeof err === 'string' ? err : errorText(err)
  $('#error').hidden = false
}

function clearError() {
  $('#error').textContent = ''
  $('#error').hidden = true
}

// Runs an async action with the buttons of `container` disabled and errors shown on the page,
// then re-renders.
async function run(container, action) {
  clearError()
  const buttons = container ? [...container.querySelectorAll('button')] : []
  buttons.forEach((b) => (b.disabled = true))
  document.body.dataset.busy = 'true'
  try {
    await action()
  } catch (err) {
    console.error('Error:', JSON.stringify(err, null, 2))
    showError(err)
  } finally {
    buttons.forEach((b) => (b.disabled = false))
    delete document.body.dataset.busy
    render()
  }
}

const yesNo = (v) => (v ? 'true' : 'false')

// ---- rendering -----------------------------------------------------------------------------

function renderPhones(user) {
  const list = $('#phone-list')
  list.replaceChildren()
  for (const phone of user.phoneNumbers) {
    const li = document.createElement('li')
    li.dataset.phone = phone.phoneNumber
    li.dataset.phoneId = phone.id
    const verified = phone.verification?.status === 'verified'
    li.dataset.verified = yesNo(verified)
    li.dataset.reserved = yesNo(phone.reservedForSecondFactor)
    li.dataset.default = yesNo(phone.defaultSecondFactor)

    const number = document.createElement('span')
    number.className = 'number'
    number.textContent = phone.phoneNumber
    li.append(number)
    const tag = (text, cls) => {
      const t = document.createElement('span')
      t.className = `tag ${cls}`
      t.textContent = text
      li.append(t)
    }
    tag(verified ? 'verified' : 'unverified', 'verification')
    if (phone.reservedForSecondFactor) tag('two-step verification', 'reserved')
    if (phone.defaultSecondFactor) tag('default', 'default')

    const button = (text, cls, action) => {
      const b = document.createElement('button')
      b.type = 'button'
      b.className = `small ${cls}`
      b.textContent = text
      b.addEventListener('click', () => run(li, action))
      li.append(b)
    }
    if (!verified) {
      button('Verify', 'verify', async () => {
        await phone.prepareVerification()
        pendingPhone = phone
      })
    } else if (!phone.reservedForSecondFactor) {
      button('Use for two-step verification', 'reserve', async () => {
        const updated = await phone.setReservedForSecondFactor({ reserved: true })
        if (updated.backupCodes?.length) backupCodes = updated.backupCodes
      })
    } else {
      if (!phone.defaultSecondFactor) {
        button('Make default', 'make-default', () => phone.makeDefaultSecondFactor())
      }
      button('Stop using for two-step verification', 'unreserve', () =>
        phone.setReservedForSecondFactor({ reserved: false }),
      )
    }
    button('Remove', 'remove', async () => {
      await phone.destroy()
      if (pendingPhone?.id === phone.id) pendingPhone = null
    })
    list.append(li)
  }
}

function render() {
  const user = clerk.user
  $('#signed-in').hidden = !user
  $('#signed-out').hidden = Boolean(user)
  document.body.dataset.view = user ? 'signed-in' : 'signed-out'
  if (!user) return

  $('#user-email').textContent = user.primaryEmailAddress?.emailAddress ?? '(no email address)'
  $('#two-factor-enabled').textContent = yesNo(user.twoFactorEnabled)
  $('#totp-enabled').textContent = yesNo(user.totpEnabled)
  $('#backup-code-enabled').textContent = yesNo(user.backupCodeEnabled)

  // Authenticator app
  const totpOn = user.totpEnabled
  if (totpOn) pendingTotp = null
  $('#totp-on').hidden = !totpOn
  $('#totp-off').hidden = totpOn || Boolean(pendingTotp)
  $('#totp-enroll').hidden = totpOn || !pendingTotp
  if (pendingTotp) {
    $('#totp-secret').textContent = pendingTotp.secret ?? ''
    $('#totp-uri').textContent = pendingTotp.uri ?? ''
    const src = `/__tessera/qr.svg?data=${encodeURIComponent(pendingTotp.uri ?? '')}`
    if ($('#totp-qr').getAttribute('src') !== src) $('#totp-qr').src = src
  } else {
    $('#totp-qr').removeAttribute('src')
  }

  // Backup codes
  $('#backup-codes-box').hidden = !backupCodes
  const ul = $('#backup-codes')
  ul.replaceChildren(
    ...(backupCodes ?? []).map((code) => {
      const li = document.createElement('li')
      li.className = 'backup-code'
      li.textContent = code
      return li
    }),
  )

  // Phone numbers
  renderPhones(user)
  $('#phone-verify-form').hidden = !pendingPhone
  $('#phone-verify-number').textContent = pendingPhone?.phoneNumber ?? ''
}

// ---- authenticator app ---------------------------------------------------------------------

$('#totp-create').addEventListener('click', () =>
  run($('#totp'), async () => {
    const totp = await clerk.user.createTOTP()
    pendingTotp = { secret: totp.secret, uri: totp.uri }
  }),
)

$('#totp-enroll').addEventListener('submit', (e) => {
  e.preventDefault()
  const code = $('#totp-code').value.trim()
  run($('#totp'), async () => {
    const totp = await clerk.user.verifyTOTP({ code })
    if (totp.backupCodes?.length) backupCodes = totp.backupCodes
    pendingTotp = null
    $('#totp-enroll').reset()
  })
})

$('#totp-cancel').addEventListener('click', () => {
  clearError()
  pendingTotp = null
  $('#totp-enroll').reset()
  render()
})

$('#totp-disable').addEventListener('click', () =>
  run($('#totp'), async () => {
    await clerk.user.disableTOTP()
  }),
)

// ---- backup codes --------------------------------------------------------------------------

$('#backup-codes-create').addEventListener('click', () =>
  run($('#backup'), async () => {
    const result = await clerk.user.createBackupCode()
    backupCodes = result.codes
  }),
)

// ---- phone numbers -------------------------------------------------------------------------

$('#phone-add-form').addEventListener('submit', (e) => {
  e.preventDefault()
  const phoneNumber = $('#phone-number').value.trim()
  run($('#phones'), async () => {
    const phone = await clerk.user.createPhoneNumber({ phoneNumber })
    pendingPhone = phone
    await phone.prepareVerification()
    $('#phone-add-form').reset()
  })
})

$('#phone-verify-form').addEventListener('submit', (e) => {
  e.preventDefault()
  const code = $('#phone-code').value.trim()
  run($('#phones'), async () => {
    await pendingPhone.attemptVerification({ code })
    pendingPhone = null
    $('#phone-verify-form').reset()
  })
})

$('#phone-verify-cancel').addEventListener('click', () => {
  clearError()
  pendingPhone = null
  render()
})

// ---- sign out ------------------------------------------------------------------------------

$('#sign-out').addEventListener('click', () =>
  run($('#overview'), async () => {
    // Back to the demo page, where one signs in.
    await clerk.signOut({ redirectUrl: '/' })
  }),
)

// ---- start ---------------------------------------------------------------------------------

try {
  await clerk.load({ telemetry: false })
} catch (err) {
  console.error('Clerk failed to load:', err)
  showError(err)
}
// load() can resolve without the Frontend API having answered (clerk-js probe §9): show
// clerk-js's own status; 'ready' is the only good one.
$('#status').textContent = clerk.status
$('#status').dataset.status = clerk.status
clerk.addListener(() => render())
render()
