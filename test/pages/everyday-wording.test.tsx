import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { MyProfile, Team, TimelineEntry } from '@/contract'
import { TeamCard } from '@/components/team-panel'
import { ReportTimeline } from '@/components/report-timeline'
import DeedsPage from '@/packages/deeds/pages/index/index'
import MePage from '@/pages/me/index'
import { org, profile, units } from './support/fixtures'
import { callMock, callsOf, serve } from './support/serve'
import { inStore } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

/* Issue 14, item 9: words and states a person reads every day. */

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
})

const grant = { grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }

describe('我家 without a registered household', () => {
  test('an empty state that says what will appear and how — not a red failure with 重试', async () => {
    const me = profile({ id: 'user-wang', name: '王大妈', roles: ['resident'], grants: [] })
    serve({
      'users.me': () => ({ ok: true, data: me }),
      'deeds.record': () => ({ ok: true, data: { balance: { balance: 0, earnedThisMonth: 0 }, deeds: { items: [], next: null } } }),
      'deeds.household': () => ({ ok: false, code: 'NOT_FOUND', message: '您还没有登记家庭，请联系村（居）' })
    })
    const { container } = inStore(<DeedsPage />)
    fireEvent.click(await screen.findByText('我家'))
    await waitFor(() => expect(callsOf('deeds.household')).toHaveLength(1))
    expect(await screen.findByText(/登记后全家的善行和积分会显示在这里/)).toBeTruthy()
    expect(container.querySelector('.wm-state--empty')).toBeTruthy()
    expect(container.querySelector('.wm-state--error, .wm-state--not-found')).toBeNull()
    expect(screen.queryByText('重试')).toBeNull()
  })
})

describe('处理过程 names each actor once', () => {
  const entry = (seq: number, actor: string, actorRole: string): TimelineEntry => ({
    seq,
    at: '2026-11-20T02:00:00.000Z',
    action: 'submit',
    from: null,
    to: 'submitted',
    actor,
    actorRole,
    note: null,
    photos: []
  })

  test.each([
    ['居民', 'resident', '· 居民'],
    ['您', 'resident', '· 您'],
    ['系统', 'system', '· 系统'],
    ['王海涛', 'grid_worker', '· 王海涛（网格员）'],
    ['督导人员', 'town_admin', '· 督导人员（镇创建办）']
  ])('%s as %s', (actor, role, expected) => {
    const { container } = render(<ReportTimeline entries={[entry(1, actor, role)]} />)
    const meta = container.querySelector('.timeline-meta')?.textContent ?? ''
    expect(meta.endsWith(expected)).toBe(true)
    expect(meta).not.toContain('居民（居民）')
  })
})

describe('志愿队伍 figures carry their units', () => {
  test('本月时长 says 小时; members and activities say 人 and 场', () => {
    const team: Team = {
      id: 't-1',
      villageId: 'v-dongshan',
      villageName: '东山村',
      name: '东山村巾帼志愿服务队',
      leaderId: null,
      leaderName: null,
      memberCount: 6,
      activitiesThisMonth: 2,
      hoursThisMonth: 12,
      flags: []
    }
    const { container } = render(<TeamCard team={team} canSetLeader={false} onTeamChanged={() => undefined} />)
    const figures = Array.from(container.querySelectorAll('.team-figure')).map((node) => node.textContent)
    expect(figures).toEqual(['6 人队员', '2 场本月活动', '12 小时本月时长'])
  })
})

describe('人员与角色 promises only what the person can do', () => {
  const villageAdmin: MyProfile = profile({ id: 'user-va', roles: ['resident', 'village_admin'], grants: [{ role: 'village_admin', villageId: 'v-dongshan', ...grant }] })
  const townAdmin: MyProfile = profile({ id: 'user-town', roles: ['resident', 'town_admin'], grants: [{ role: 'town_admin', ...grant }] })

  test.each([
    ['village admin', villageAdmin, '分配角色请联系镇创建办', '分配网格员'],
    ['town office', townAdmin, '分配网格员、村（居）管理员等角色', '请联系镇创建办']
  ])('%s', async (_who, person, says, not) => {
    serve({ 'users.me': () => ({ ok: true, data: person }), 'org.overview': () => ({ ok: true, data: org }), 'org.listUnits': () => ({ ok: true, data: units }) })
    const { container } = inStore(<MePage />)
    const entry = await waitFor(
      () => {
        const found = container.querySelector('.me-admin-entry.me-admin-users')
        if (!found) throw new Error('no 人员与角色 entry yet')
        return found
      },
      { timeout: 4000 }
    )
    expect(entry.textContent).toContain(says)
    expect(entry.textContent).not.toContain(not)
  })
})
