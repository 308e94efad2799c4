import { ClerkProvider } from '@clerk/nextjs'

// The root layout of Clerk's Next.js quickstart: ClerkProvider reads its keys from the environment.
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider>
      <html lang="en">
        <body>{children}</body>
      </html>
    </ClerkProvider>
  )
}
