/** H5 only: the local cloud's bearer token, stored by the dev sign-in page. */
export const LOCAL_TOKEN_KEY = 'wm.localToken'
export const SIGN_IN_PAGE = '/pages/dev-sign-in/index'

export function readLocalToken(): string | null {
  try {
    return window.localStorage.getItem(LOCAL_TOKEN_KEY)
  } catch {
    return null
  }
}

export function writeLocalToken(token: string | null): void {
  try {
    if (token) window.localStorage.setItem(LOCAL_TOKEN_KEY, token)
    else window.localStorage.removeItem(LOCAL_TOKEN_KEY)
  } catch {
    // private mode without storage: the session lasts until the tab closes
  }
}

/**
 * Opens the app anew on the sign-in page (the token is already dropped, so boot() starts there). A
 * full reload, not Taro.reLaunch: a 401 can come back while the router is still mounting the first
 * page after a reload, and a reLaunch then leaves that page shown over a hidden sign-in page.
 */
export function restartOnSignIn(): void {
  window.location.replace(`${window.location.pathname}${window.location.search}#${SIGN_IN_PAGE}`)
  window.location.reload()
}
