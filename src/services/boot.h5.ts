import { SIGN_IN_PAGE, readLocalToken } from './local-token'

/**
 * H5 + local cloud: without a token, open on the sign-in page instead of redirecting
 * after the first page has started (a reLaunch racing the router's first mount).
 */
export function boot(): void {
  if (typeof window === 'undefined' || readLocalToken()) return
  if (!window.location.hash.includes(SIGN_IN_PAGE)) window.location.replace(`${window.location.pathname}${window.location.search}#${SIGN_IN_PAGE}`)
}
