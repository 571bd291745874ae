import { isIP } from 'node:net'

/** Whether `host` accepts connections from this machine only. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  if (h === 'localhost' || h === '::1') return true
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h
  return isIP(v4) === 4 && v4.startsWith('127.')
}

/**
 * Why the server must not listen on `host`, in one Chinese sentence; null when it may. The demo sign-in
 * has no password, so a network address needs ALLOW_NETWORK=1.
 */
export function bindRefusal(host: string, env: Record<string, string | undefined> = process.env): string | null {
  if (isLoopback(host) || env.ALLOW_NETWORK === '1') return null
  return `HOST=${host} 会让其他设备也能打开本地服务，而本地演示登录不需要密码，谁都能以任一演示身份（包括镇创建办）登录，所以没有启动；只在本机使用请去掉 HOST，确需让其他设备访问请同时设置 ALLOW_NETWORK=1。`
}
