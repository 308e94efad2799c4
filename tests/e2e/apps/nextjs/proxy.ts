import { clerkMiddleware } from '@clerk/nextjs/server'

// Clerk's middleware, with its Frontend API proxy: /__clerk/* goes to CLERK_FAPI_URL (Tessera).
export default clerkMiddleware({ frontendApiProxy: { enabled: true } })

export const config = {
  matcher: [
    '/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
    '/(api|trpc)(.*)',
    '/__clerk/(.*)',
  ],
}
