import { Text } from '@tarojs/components'
import type { MyProfile, OrgOverview, ResidentMatch } from '@/contract'
import { ChoiceChips, type Choice, namedOptions } from '@/components/choice-chips'
import { useOrgOverview } from '@/hooks/use-org'
import { useQuery } from '@/hooks/use-query'
import { findGrid, findVillage } from '@/services/org-names'
import { ResidentSearch } from './resident-search'

/** Whose deed: mine, a family member's, another resident's of a village, or 代录 by a grid worker. */
export type SubjectKind = 'self' | 'family' | 'resident' | 'behalf'

export interface Subject {
  kind: SubjectKind
  memberId: string | null
  resident: ResidentMatch | null
  /** The village searched for 其他居民 / 代录. */
  villageId: string | null
}

const KIND_LABELS: Record<SubjectKind, string> = { self: '我本人', family: '家人', resident: '本村（居）其他居民', behalf: '代录（为本网格居民登记）' }

/** Villages where the person is a grid worker: 代录 searches there. */
export function gridVillageIds(profile: MyProfile): string[] {
  return Array.from(new Set(profile.grants.filter((grant) => grant.role === 'grid_worker' && grant.villageId).map((grant) => grant.villageId as string)))
}

export function canEnterOnBehalf(profile: MyProfile): boolean {
  return profile.roles.includes('grid_worker') && gridVillageIds(profile).length > 0
}

/** A fresh subject of this kind: nobody picked, the village the search starts in. */
export function subjectOf(kind: SubjectKind, profile: MyProfile): Subject {
  const villageId = kind === 'behalf' ? (gridVillageIds(profile)[0] ?? null) : profile.villageId
  return { kind, memberId: null, resident: null, villageId }
}

/** The user the deed is declared for, when one is chosen. */
export function subjectUserId(subject: Subject, profile: MyProfile): string | null {
  if (subject.kind === 'self') return profile.id
  if (subject.kind === 'family') return subject.memberId
  return subject.resident?.userId ?? null
}

function FamilyChoice({ profile, memberId, onChange }: { profile: MyProfile; memberId: string | null; onChange: (memberId: string) => void }) {
  const household = useQuery('deeds.household', { pageSize: 1 })
  const members = (household.data?.household.members ?? []).filter((member) => member.userId !== profile.id)
  if (household.loading) return <Text className='wm-muted'>正在读取家庭成员…</Text>
  if (!members.length) return <Text className='wm-muted deed-other-hint'>{household.error ?? '家里没有其他登记的成员'}；可以选「本村（居）其他居民」按姓名查找。</Text>
  return <ChoiceChips className='deed-members' options={members.map((member) => ({ value: member.userId, label: member.name }))} value={memberId} onChange={onChange} label='选择家人' />
}

function villageChoices(kind: SubjectKind, profile: MyProfile, org: OrgOverview | null): Array<Choice<string>> {
  if (kind === 'behalf') return gridVillageIds(profile).map((id) => ({ value: id, label: findVillage(org, id)?.name ?? '本网格所在村（居）' }))
  return namedOptions(org?.villages ?? [])
}

function gridNames(profile: MyProfile, org: OrgOverview | null): string {
  const names = profile.grants.filter((grant) => grant.role === 'grid_worker').map((grant) => findGrid(org, grant.gridId)?.name)
  return names.filter(Boolean).join('、')
}

interface Props {
  profile: MyProfile
  value: Subject
  onChange: (subject: Subject) => void
  disabled?: boolean
}

/** 谁做的好事: the choice of subject and, for other residents and 代录, the search by name. */
export function SubjectField({ profile, value, onChange, disabled }: Props) {
  const searching = value.kind === 'resident' || value.kind === 'behalf'
  const org = useOrgOverview(searching)
  const kinds: SubjectKind[] = canEnterOnBehalf(profile) ? ['self', 'family', 'resident', 'behalf'] : ['self', 'family', 'resident']
  const behalf = value.kind === 'behalf'
  const grids = behalf ? gridNames(profile, org.data) : ''
  return (
    <>
      <ChoiceChips
        options={kinds.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
        value={value.kind}
        onChange={(kind) => onChange(subjectOf(kind, profile))}
        label='谁做的好事'
        disabled={disabled}
      />
      {value.kind === 'family' ? <FamilyChoice profile={profile} memberId={value.memberId} onChange={(memberId) => onChange({ ...value, memberId })} /> : null}
      {behalf ? <Text className='wm-muted deed-behalf-hint'>代录只能为本网格{grids ? `（${grids}）` : ''}的居民登记，其他网格的居民提交时会被拒绝。审核通过后积分记在这位居民名下。</Text> : null}
      {searching ? (
        <ResidentSearch
          key={value.kind}
          villages={villageChoices(value.kind, profile, org.data)}
          villageId={value.villageId}
          onVillage={(villageId) => onChange({ ...value, villageId, resident: null })}
          picked={value.resident}
          onPick={(resident) => onChange({ ...value, resident })}
          emptyHint={behalf ? '请核对姓名是否写全；他如果还没有登录过小程序，请他先登录登记' : '请他先登录小程序登记，或请网格员代录'}
          disabled={disabled}
        />
      ) : null}
      {searching && org.error && !org.data ? <Text className='wm-error-text'>村（居）名单加载失败：{org.error}</Text> : null}
    </>
  )
}
