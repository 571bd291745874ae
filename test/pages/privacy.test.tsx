import { useState } from 'react'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { View, Text } from '@tarojs/components'
import { PageShell } from '@/components/page-shell'
import { AppStoreProvider, useAppStore } from '@/store/app-store'
import { profile } from './support/fixtures'
import { callMock, callsOf, serve } from './support/serve'
import { consentRequired } from '@/services/consent-events'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

/** What a future 随手拍 page does before asking for the location. */
function LocateButton() {
  const { ensurePrivacy } = useAppStore()
  const [outcome, setOutcome] = useState('')
  return (
    <View>
      <View className='locate' onClick={async () => setOutcome((await ensurePrivacy()) ? '可以定位' : '不能定位')}>
        定位
      </View>
      <Text className='outcome'>{outcome}</Text>
    </View>
  )
}

function renderPage() {
  return render(
    <AppStoreProvider>
      <PageShell name='probe'>
        <LocateButton />
      </PageShell>
    </AppStoreProvider>
  )
}

beforeEach(() => {
  callMock.mockReset()
})

test('ensurePrivacy asks again after a refusal and goes on once the person agrees', async () => {
  serve({
    'users.me': () => ({ ok: true, data: profile({ privacyVersion: null, privacyAcceptedAt: null }) }),
    'users.acceptPrivacy': () => ({ ok: true, data: profile() })
  })
  const { container } = renderPage()
  await screen.findByText('用户隐私保护指引')
  fireEvent.click(screen.getByText('不同意'))
  await waitFor(() => expect(screen.queryByText('用户隐私保护指引')).toBeNull())

  await act(async () => {
    fireEvent.click(container.querySelector('.locate') as HTMLElement)
  })
  expect(await screen.findByText('用户隐私保护指引')).toBeTruthy()
  fireEvent.click(screen.getByText('不同意'))
  expect(await screen.findByText('不能定位')).toBeTruthy()

  await act(async () => {
    fireEvent.click(container.querySelector('.locate') as HTMLElement)
  })
  await act(async () => {
    fireEvent.click(await screen.findByText('同意并继续'))
  })
  expect(await screen.findByText('可以定位')).toBeTruthy()
  expect(callsOf('users.acceptPrivacy')).toHaveLength(1)
})

test('a failure recording consent is shown inside the notice, which stays open', async () => {
  serve({
    'users.me': () => ({ ok: true, data: profile({ privacyVersion: null, privacyAcceptedAt: null }) }),
    'users.acceptPrivacy': () => ({ ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' })
  })
  renderPage()
  await screen.findByText('用户隐私保护指引')
  await act(async () => {
    fireEvent.click(screen.getByText('同意并继续'))
  })
  expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
  expect(screen.getByText('用户隐私保护指引')).toBeTruthy()
})

test('a refusal for want of consent from any page opens the notice again, even after 不同意', async () => {
  serve({
    'users.me': () => ({ ok: true, data: profile({ privacyVersion: null, privacyAcceptedAt: null }) }),
    'users.acceptPrivacy': () => ({ ok: true, data: profile() })
  })
  renderPage()
  await screen.findByText('用户隐私保护指引')
  fireEvent.click(screen.getByText('不同意'))
  await waitFor(() => expect(screen.queryByText('用户隐私保护指引')).toBeNull())
  // what `call` does on a CONSENT_REQUIRED answer (its own test is in services)
  act(() => consentRequired())
  expect(await screen.findByText('用户隐私保护指引')).toBeTruthy()
  await act(async () => {
    fireEvent.click(screen.getByText('同意并继续'))
  })
  await waitFor(() => expect(screen.queryByText('用户隐私保护指引')).toBeNull())
  expect(callsOf('users.acceptPrivacy')).toHaveLength(1)
})
