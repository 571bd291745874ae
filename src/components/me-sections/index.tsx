import { Fragment, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { PRIVACY_VERSION, type MyProfile, type OrgOverview } from '@/contract'
import { SectionCard } from '@/components/section-card'
import { ProfileForm } from '@/components/profile-form'
import { REFUSAL_MESSAGE } from '@/components/privacy-gate'
import { Button, Switch } from '@/components/ui'
import { useAppStore } from '@/store/app-store'
import type { Remote } from '@/hooks/use-query'
import { useHome } from '@/hooks/use-home'
import { badgeOf, badgeText } from '@/services/home-links'
import { useAdminScope, type AdminScope } from '@/hooks/use-admin-scope'
import { useCancelMove } from '@/hooks/use-moves'
import { useVolunteerMe } from '@/hooks/use-volunteers'
import { ROUTES } from '@/services/routes'
import { VOLUNTEER_ROUTES } from '@/services/volunteer-routes'
import { DEED_ROUTES } from '@/services/deed-routes'
import { HONOUR_ROUTES } from '@/services/honour-routes'
import { SUPERVISION_ROUTES } from '@/services/supervision-routes'
import { DASHBOARD_ROUTES } from '@/services/dashboard-routes'
import { BULLETIN_ROUTES } from '@/services/bulletin-routes'
import { maskPhone } from '@/services/org-names'
import './index.scss'

dayjs.locale('zh-cn')

function placeOf(profile: Pick<MyProfile, 'villageName' | 'gridName'>): string {
  if (!profile.villageName) return '未选择'
  return profile.gridName ? `${profile.villageName} · ${profile.gridName}` : profile.villageName
}

/** A move waiting for the new village (待确认, with 取消申请), or the last one it refused (with 知道了). */
function MoveState({ profile }: { profile: MyProfile }) {
  const { setProfile } = useAppStore()
  const { busy, error, cancel } = useCancelMove(setProfile)
  const move = profile.pendingMove
  const refused = profile.refusedMove
  if (!move && !refused) return null
  return (
    <View className={`me-move${move ? ' me-move--pending' : ' me-move--refused'}`}>
      {move ? (
        <>
          <View className='wm-row'>
            <Text className='me-move-target'>申请迁往：{placeOf(move)}</Text>
            <Text className='me-move-state'>待确认</Text>
          </View>
          <Text className='wm-muted me-move-note'>
            需要{move.villageName}管理员或镇创建办确认，确认前您仍属于{profile.villageName ?? '原村（居）'}。
          </Text>
        </>
      ) : refused ? (
        <Text className='wm-error-text me-move-refused'>
          迁往{refused.villageName}的申请未获同意{refused.reason ? `：${refused.reason}` : ''}
        </Text>
      ) : null}
      {error ? <Text className='wm-error-text me-move-error'>{error}</Text> : null}
      <View className='wm-actions'>
        <Button className='me-move-cancel' fill='outline' size='small' loading={busy} disabled={busy} onClick={() => void cancel()}>
          {move ? '取消申请' : '知道了'}
        </Button>
      </View>
    </View>
  )
}

/** Name, phone (masked until I ask), village and grid, and the edit form. */
export function WhoAmI({ profile, org }: { profile: MyProfile; org: Remote<OrgOverview> }) {
  const { setProfile } = useAppStore()
  const [editing, setEditing] = useState(false)
  const [showPhone, setShowPhone] = useState(false)
  const phone = profile.phone ? (showPhone ? profile.phone : maskPhone(profile.phone)) : '未填写手机号'

  return (
    <SectionCard className='me-card'>
      <Text className='me-name'>{profile.name || '未填写姓名'}</Text>
      <View className='wm-row'>
        <Text className='me-phone'>{phone}</Text>
        {profile.phone ? (
          <Text className='wm-link me-phone-toggle' onClick={() => setShowPhone(!showPhone)}>
            {showPhone ? '隐藏' : '显示完整号码'}
          </Text>
        ) : null}
      </View>
      <View className='wm-row'>
        <Text className='me-place'>所在村（居）：{placeOf(profile)}</Text>
      </View>
      <MoveState profile={profile} />
      {editing ? (
        <ProfileForm
          profile={profile}
          org={org.data}
          orgError={org.error}
          onRetryOrg={() => void org.reload()}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            const asked = saved.pendingMove !== null && saved.pendingMove.requestedAt !== profile.pendingMove?.requestedAt
            setProfile(saved)
            setEditing(false)
            void Taro.showToast({ title: asked ? '已提交，等待确认' : '已保存', icon: asked ? 'none' : 'success' })
          }}
        />
      ) : (
        <Button className='me-edit' fill='outline' onClick={() => setEditing(true)}>
          编辑资料
        </Button>
      )}
    </SectionCard>
  )
}

/** 长辈模式: applies at once app-wide, saved to the profile, reverted with the message if saving fails. */
export function ElderMode() {
  const { largeFont, setLargeFont } = useAppStore()
  const [saving, setSaving] = useState(false)

  const toggle = async (on: boolean) => {
    setSaving(true)
    const res = await setLargeFont(on)
    setSaving(false)
    if (!res.ok) void Taro.showToast({ title: res.message, icon: 'none' })
  }

  return (
    <SectionCard title='长辈模式' className='me-elder'>
      <View className='wm-row'>
        <Text className='wm-muted'>字更大、按钮更大，看得清、点得准</Text>
        <Switch className='elder-switch' checked={largeFont} disabled={saving} ariaLabel='长辈模式' onChange={(on) => toggle(on)} />
      </View>
      <Text className='me-elder-state'>{largeFont ? '长辈模式已开启' : '长辈模式已关闭'}</Text>
    </SectionCard>
  )
}

/** Consent state, the refusal message, and the way back to the notice. */
export function PrivacyStatus({ profile }: { profile: MyProfile }) {
  const { needsConsent, privacy, openPrivacy } = useAppStore()
  const acceptedOn = profile.privacyAcceptedAt ? `，${dayjs(profile.privacyAcceptedAt).format('YYYY年M月D日')}` : ''
  return (
    <SectionCard title='隐私保护' className='me-privacy'>
      <Text className='me-privacy-state'>{needsConsent ? '您还没有同意用户隐私保护指引' : `已同意（版本 ${profile.privacyVersion ?? PRIVACY_VERSION}${acceptedOn}）`}</Text>
      {privacy.refused ? <Text className='wm-error-text me-privacy-refused'>{REFUSAL_MESSAGE}</Text> : null}
      <View className='wm-actions'>
        <Button className='me-privacy-open' fill='outline' onClick={openPrivacy}>
          {needsConsent ? '查看并同意隐私保护指引' : '查看隐私保护指引'}
        </Button>
      </View>
    </SectionCard>
  )
}

type EntryGroup = '问题处置' | '人员与组织' | '善行与光荣榜' | '志愿服务'

interface Entry {
  key: string
  title: string
  note: string
  url: string
  group: EntryGroup
}

const GROUP_OF: Array<[RegExp, EntryGroup]> = [
  [/^report-/, '问题处置'],
  [/^(users|org|safeguards)$/, '人员与组织'],
  [/^(deed-|board-|selection-|goods-)/, '善行与光荣榜'],
  [/^volunteer-/, '志愿服务']
]

const groupOf = (key: string): EntryGroup => (GROUP_OF.find(([pattern]) => pattern.test(key)) ?? GROUP_OF[0])[1]

/** 人员与组织: people and roles, the organisation and, for the town office, the town's safeguards. */
function peopleEntries(scope: AdminScope): Array<Omit<Entry, 'group'>> {
  const entries: Array<Omit<Entry, 'group'>> = [
    {
      key: 'users',
      title: '人员与角色',
      // only the town office assigns roles (users.assignRole); a village admin sees the people and their roles
      note: scope.isTownAdmin ? '查找人员，分配网格员、村（居）管理员等角色' : '本村（居）人员名单和各人角色，处理迁入迁出申请；分配角色请联系镇创建办',
      url: '/packages/admin/pages/users/index'
    },
    { key: 'org', title: '组织架构', note: '村（居）、网格和责任单位', url: '/packages/admin/pages/org/index' }
  ]
  if (scope.isTownAdmin) entries.push({ key: 'safeguards', title: '防刷与审批规则', note: '每人每天提交上限、大额积分更正须另一人批准', url: '/packages/admin/pages/safeguards/index' })
  return entries
}

const VISITS_ENTRY = { key: 'report-visits', title: '走访记录', note: '户户到入户走访，记民情日记，查看本月未走访的家庭', url: SUPERVISION_ROUTES.visits }
const INFO_ENTRY = { key: 'report-info', title: '信息报送', note: '经验做法、工作动态、典型事例，每半月至少一条', url: SUPERVISION_ROUTES.infos }
const CLEANING_ENTRY = { key: 'report-cleaning', title: '保洁考核', note: '检查保洁区域、保洁员月度扣款、申诉与整改通知', url: SUPERVISION_ROUTES.cleaning }
const RECTIFY_ENTRY = { key: 'report-rectify', title: '整改通知', note: '本单位办公区域的整改通知和通报，整改期限和通知全文', url: SUPERVISION_ROUTES.rectifyNotices }

/** 问题处置 and the town's report settings, 督导, 走访. */
function reportEntries(scope: AdminScope): Array<Omit<Entry, 'group'>> {
  const entries: Array<Omit<Entry, 'group'>> = []
  if (scope.canHandleReports) {
    const note = scope.isUnitStaff && !scope.canAdminister && !scope.isGridWorker ? '派给本单位的问题：签收、答复、整改' : '受理、派单、验收，跟进每个问题直到销号'
    entries.push({ key: 'report-queue', title: '问题处置', note, url: ROUTES.queue })
  }
  if (scope.canInspect) entries.push({ key: 'report-inspect', title: '督导上报', note: '巡查中发现的问题，直接登记', url: ROUTES.inspect })
  if (scope.isGridWorker && !scope.canAdminister) entries.push(VISITS_ENTRY, CLEANING_ENTRY)
  if (scope.isUnitStaff && !scope.canAdminister) entries.push(INFO_ENTRY, RECTIFY_ENTRY)
  if (scope.canSeeLedger) entries.push({ key: 'report-ledger', title: '问题台账', note: '全部问题一览，可导出 Excel', url: ROUTES.ledger })
  if (scope.canAdminister || scope.isUnitStaff) entries.push({ key: 'report-dashboard', title: '数据看板', note: '新增、销号、超期、在办，周趋势和村（居）、单位排名', url: DASHBOARD_ROUTES.index })
  if (scope.isTownAdmin) {
    entries.push({ key: 'report-calendar', title: '节假日与调休', note: '答复期限按工作日计算；补充或更正放假安排', url: ROUTES.calendar })
    entries.push({ key: 'report-categories', title: '问题类别', note: '随手拍可选的类别：改名、排序、停用或新增', url: ROUTES.categories })
  }
  return entries
}

/** 周通报、月通报 (with 评分办法 and 工作提示函): the town office, village admins and unit staff. */
function bulletinEntries(scope: AdminScope): Array<Omit<Entry, 'group'>> {
  if (!scope.canAdminister && !scope.isUnitStaff) return []
  const note = scope.isTownAdmin ? '生成、核对和发布周通报、月通报，答复申诉，评分办法，工作提示函' : '核对本单位在通报中的数据并申诉，工作提示函'
  return [{ key: 'report-bulletins', title: '周通报 · 月通报', note, url: BULLETIN_ROUTES.list }]
}

/** What a village admin or the town office runs: patrols, visits, people, deeds, honour, the shop. */
function administerEntries(scope: AdminScope): Array<Omit<Entry, 'group'>> {
  if (!scope.canAdminister) return []
  return [
    { key: 'report-patrol-roster', title: '巡查排班', note: '按巡查表安排督导巡查，查看已巡、缺巡和发现的问题', url: SUPERVISION_ROUTES.roster },
    VISITS_ENTRY,
    CLEANING_ENTRY,
    scope.isTownAdmin ? { ...INFO_ENTRY, note: '审核村（居）和单位报送的信息，半月统计未报送' } : INFO_ENTRY,
    ...peopleEntries(scope),
    { key: 'deed-review', title: '善行审核', note: '居民申报的善行：通过记积分，不通过说明理由', url: DEED_ROUTES.review },
    { key: 'board-manage', title: '光荣榜管理', note: '编辑善行义举四德榜草稿并发布', url: HONOUR_ROUTES.manage },
    { key: 'selection-manage', title: '评选管理', note: '新建评选、审核提名、结束投票、发布获评者', url: HONOUR_ROUTES.selections },
    { key: 'goods-admin', title: '积分超市管理', note: '凭兑换码发放、上架商品、兑换记录', url: DEED_ROUTES.goods },
    { key: 'deed-households', title: '家庭管理', note: '登记家庭、户主和成员，查看家庭积分档案', url: DEED_ROUTES.households },
    { key: 'deed-correct', title: '积分更正', note: '查看居民积分明细，记一条更正（原记录不变）', url: DEED_ROUTES.correct },
    ...(scope.isTownAdmin ? [{ key: 'deed-rules', title: '积分规则', note: '各类善行、志愿时长、随手拍的分值和每日/每月上限', url: DEED_ROUTES.rules }] : [])
  ]
}

/** Organisers of volunteer activities (and team leaders). */
function volunteerEntries(scope: AdminScope, leadsTeam: boolean): Array<Omit<Entry, 'group'>> {
  if (!scope.canOrganiseVolunteers && !leadsTeam) return []
  const note = scope.canOrganiseVolunteers ? '队伍概况、入队申请、新建队伍和设置队长' : '本队队员和入队申请'
  return [
    { key: 'volunteer-activities', title: '志愿活动管理', note: '发布活动、显示签到码、查看报名签到名单', url: VOLUNTEER_ROUTES.manage },
    { key: 'volunteer-hours', title: '时长审核', note: '手工签到签退和更正的时长，需另一人审核', url: VOLUNTEER_ROUTES.hoursReview },
    { key: 'volunteer-teams', title: '志愿队伍', note, url: VOLUNTEER_ROUTES.teams },
    ...(scope.isTownAdmin ? [{ key: 'volunteer-settings', title: '志愿服务规则', note: '时长取整、签到距离、签到码更换间隔、提前开放签到', url: VOLUNTEER_ROUTES.settings }] : [])
  ]
}

function entriesFor(scope: AdminScope, leadsTeam: boolean): Entry[] {
  const entries = [...reportEntries(scope), ...bulletinEntries(scope), ...administerEntries(scope), ...volunteerEntries(scope, leadsTeam)]
  return entries.map((entry) => ({ ...entry, group: groupOf(entry.key) }))
}

/** A count waiting behind an entry (none when 0). */
function EntryBadge({ count }: { count: number }) {
  return count > 0 ? <Text className='me-admin-badge'>{badgeText(count)}</Text> : null
}

/** Entries to the management subpackages, by what the person's roles allow. */
export function AdminEntries() {
  const scope = useAdminScope()
  const { needsConsent } = useAppStore()
  // A volunteer without an admin role organises only if they lead a team (volunteers.me).
  const me = useVolunteerMe(scope.isVolunteer && !scope.canOrganiseVolunteers && !needsConsent)
  const leadsTeam = Boolean(me.data?.volunteer?.teams.some((team) => team.leader && team.status === 'approved'))
  const entries = entriesFor(scope, leadsTeam)
  // the counts 首页 shows (users.home), as badges on the entries they open
  const home = useHome(entries.length > 0 && !needsConsent)
  const open = (url: string) => void Taro.navigateTo({ url })
  if (!entries.length) return null
  // Headings only when the person manages more than one area (the town office sees about twenty entries).
  const grouped = new Set(entries.map((entry) => entry.group)).size > 1
  return (
    <SectionCard title='管理' className='me-admin'>
      {entries.map((entry, index) => (
        <Fragment key={entry.key}>
          {grouped && entries[index - 1]?.group !== entry.group ? <Text className='me-admin-group'>{entry.group}</Text> : null}
          <View className={`me-admin-entry me-admin-${entry.key}`} onClick={() => open(entry.url)}>
            <View className='me-admin-head'>
              <Text className='me-admin-title'>{entry.title}</Text>
              <EntryBadge count={badgeOf(entry.key, home.data?.todo)} />
            </View>
            <Text className='wm-muted'>{entry.note}</Text>
          </View>
        </Fragment>
      ))}
    </SectionCard>
  )
}
