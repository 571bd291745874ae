import cloud from 'wx-server-sdk'

let initialised = false

/** The SDK, initialised once per function instance for the environment it runs in. */
export function sdk(): typeof cloud {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    initialised = true
  }
  return cloud
}

export type Database = ReturnType<typeof cloud.database>

export function database(): Database {
  return sdk().database()
}

export function callerOpenid(): string | null {
  const { OPENID } = sdk().getWXContext()
  return typeof OPENID === 'string' && OPENID.length > 0 ? OPENID : null
}
