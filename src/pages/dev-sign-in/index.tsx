import { useCallback, useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PageShell } from '@/components/page-shell'
import { ErrorState, EmptyState, Skeleton } from '@/components/state-view'
import { useAppStore } from '@/store/app-store'
import { writeLocalToken } from '@/services/local-token'
import { fetchDemoUsers, groupByRole, signIn, type DemoUser } from './dev-auth'
import './index.scss'

/** H5 + local cloud only: pick a demo person and sign in with one tap. */
export default function DevSignInPage() {
  const { reload } = useAppStore()
  const [users, setUsers] = useState<DemoUser[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [busy, setBusy] = useState<string | null>(null)
  const [signInError, setSignInError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    const res = await fetchDemoUsers()
    if (res.ok) setUsers(res.data)
    else setError(res.message)
    setLoading(false)
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  const choose = async (user: DemoUser) => {
    if (busy) return
    setBusy(user.openid)
    setSignInError(null)
    const res = await signIn(user.openid)
    if (!res.ok) {
      setBusy(null)
      setSignInError(res.message)
      return
    }
    writeLocalToken(res.data)
    await reload()
    setBusy(null)
    void Taro.reLaunch({ url: '/pages/home/index' })
  }

  return (
    <PageShell name='dev-sign-in'>
      <View className='dev-sign-in-head'>
        <Text className='dev-sign-in-title'>本地演示登录</Text>
        <Text className='wm-muted'>仅在本地演示环境（H5）出现。选一位演示人员，点一下即可进入。</Text>
      </View>
      {signInError ? <Text className='wm-error-text dev-sign-in-error'>{signInError}</Text> : null}
      {loading && !users ? (
        <Skeleton rows={6} />
      ) : error ? (
        <ErrorState message={error} onRetry={() => void load()} retrying={loading} />
      ) : !users || users.length === 0 ? (
        <EmptyState text='还没有演示账号，请先初始化本地数据' />
      ) : (
        groupByRole(users).map((group) => (
          <View key={group.role} className='dev-sign-in-group'>
            <Text className='dev-sign-in-role'>{group.role}</Text>
            {group.users.map((user) => (
              <View key={user.openid} className={`demo-user${busy === user.openid ? ' demo-user--busy' : ''}`} data-openid={user.openid} onClick={() => void choose(user)}>
                <Text className='demo-user-name'>{user.name}</Text>
                <Text className='demo-user-title'>{busy === user.openid ? '正在登录…' : user.title}</Text>
              </View>
            ))}
          </View>
        ))
      )}
    </PageShell>
  )
}
