import { auth, currentUser } from '@clerk/nextjs/server'

// What the app's server knows of the request (clerkMiddleware + auth()), and the user it reads
// from the Backend API (currentUser(): GET {CLERK_API_URL}/v1/users/{id} with CLERK_SECRET_KEY),
// rendered for the test.
export default async function Home() {
  const { userId, sessionId } = await auth()
  const user = userId ? await currentUser() : null
  return (
    <main>
      <p id="server-user">{userId ?? 'signed-out'}</p>
      <p id="server-session">{sessionId ?? ''}</p>
      <p id="server-email">{user?.primaryEmailAddress?.emailAddress ?? ''}</p>
    </main>
  )
}
