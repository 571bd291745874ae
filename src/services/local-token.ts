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
