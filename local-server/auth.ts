import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Local sessions for the H5 build only. A token is `<openid>.<hmac>`, signed with a secret kept in
 * the data folder, so sessions survive a restart and a forged or edited token is refused.
 */
export class LocalSessions {
  private readonly secret: Buffer

  constructor(dataDir: string | null) {
    if (!dataDir) {
      this.secret = randomBytes(32)
      return
    }
    const file = join(dataDir, 'session-secret')
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true })
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
    }
    this.secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex')
  }

  private sign(openid: string): string {
    return createHmac('sha256', this.secret).update(openid).digest('base64url')
  }

  issue(openid: string): string {
    return `${Buffer.from(openid).toString('base64url')}.${this.sign(openid)}`
  }

  verify(token: string | undefined): string | null {
    if (!token) return null
    const [encoded, mac] = token.split('.')
    if (!encoded || !mac) return null
    const openid = Buffer.from(encoded, 'base64url').toString()
    const expected = Buffer.from(this.sign(openid))
    const given = Buffer.from(mac)
    return given.length === expected.length && timingSafeEqual(given, expected) ? openid : null
  }
}
