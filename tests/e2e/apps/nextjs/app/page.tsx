import { auth } from '@clerk/nextjs/server'

// What the app's server knows of the request (clerkMiddleware + auth()), rendered for the test.
export default async function Home() {
  const { userId, sessionId } = await auth()
  return (
    <main>
      <p id="server-user">{userId ?? 'signed-out'}</p>
      <p id="server-session">{sessionId ?? ''}</p>
    </main>
  )
}
