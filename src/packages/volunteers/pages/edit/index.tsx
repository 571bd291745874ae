import { useRef } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_LABELS, type ActivityCategory, type ActivityDetail, type Venue } from '@/contract'
import { ChoiceChips, namedOptions } from '@/components/choice-chips'
import { DateTimeField } from '@/components/datetime-field'
import { DraftNotice } from '@/components/draft-notice'
import { FormField, TextArea, TextInput } from '@/components/form-field'
import { ORGANISERS, ORGANISERS_ONLY, Guard } from '@/components/guard'
import { SectionCard } from '@/components/section-card'
import { ErrorState, Skeleton } from '@/components/state-view'
import { Button } from '@/components/ui'
import { draftOfActivity, newActivityDraft, useActivityForm, type ActivityDraft, type ActivityForm } from '@/hooks/use-activity-form'
import { useFormDraft } from '@/hooks/use-form-draft'
import { useOrgOverview } from '@/hooks/use-org'
import { useQuery } from '@/hooks/use-query'
import { useActivityDetail, type OrganiserScope } from '@/hooks/use-volunteers'
import { CAN_PICK_ON_MAP, canLocate } from '@/services/location'
import { withId } from '@/services/routes'
import { VOLUNTEER_ROUTES } from '@/services/volunteer-routes'
import './index.scss'

/** 新建/修改活动 (activityInput): what, where (with the position for check-in), when, places, hours. */
export default function ActivityEditPage() {
  const { params } = useRouter()
  return (
    <Guard name='activity-edit' title={params.id ? '修改活动' : '新建活动'} rule={ORGANISERS} denied={ORGANISERS_ONLY}>
      {(scope) => (params.id ? <EditExisting activityId={params.id} scope={scope} /> : <ActivityFormView initial={newDraftFor(scope)} signedUp={0} scope={scope} status='new' />)}
    </Guard>
  )
}

function newDraftFor(scope: OrganiserScope): ActivityDraft {
  const villageId = scope.villageIds[0] ?? scope.volunteer?.villageId ?? null
  const teamId = scope.canAdministerTeams ? null : (scope.leaderTeams[0]?.teamId ?? null)
  return newActivityDraft(villageId, teamId)
}

function EditExisting({ activityId, scope }: { activityId: string; scope: OrganiserScope }) {
  const detail = useActivityDetail(activityId)
  if (detail.loading && !detail.data) return <Skeleton rows={8} />
  if (detail.error && !detail.data) return <ErrorState message={detail.error} onRetry={() => void detail.reload()} />
  if (!detail.data) return <ErrorState message='要找的内容不存在或已删除' />
  if (!detail.data.canManage) return <ErrorState message='您不能修改这个活动' />
  if (detail.data.status === 'cancelled') return <ErrorState message='活动已取消，不能再修改' />
  const activity = detail.data
  return <ActivityFormView initial={draftOfActivity(activity)} signedUp={activity.signedCount + activity.waitlistCount} scope={scope} status={activity.status} />
}

function afterSave(activity: ActivityDetail) {
  void Taro.redirectTo({ url: withId(VOLUNTEER_ROUTES.detail, activity.id) })
}

interface FormProps {
  initial: ActivityDraft
  signedUp: number
  scope: OrganiserScope
  status: 'new' | ActivityDetail['status']
}

function ActivityFormView({ initial, signedUp, scope, status }: FormProps) {
  const finished = useRef<() => void>(() => undefined)
  const form = useActivityForm(initial, signedUp, (activity) => {
    finished.current()
    afterSave(activity)
  })
  const kept = useFormDraft(initial.id ? `activity-edit:${initial.id}` : 'activity-new', form.draft, (saved) => form.update(saved))
  finished.current = kept.done
  const { fields } = form
  return (
    <View className='activity-form'>
      <DraftNotice draft={kept} />
      <BasicsSection form={form} />
      <PlaceSection form={form} scope={scope} />
      <VenueSection form={form} />
      <TimeSection form={form} />
      {form.error && !Object.values(fields).includes(form.error) ? <Text className='wm-error-text activity-form-error'>{form.error}</Text> : null}
      <View className='wm-actions activity-form-actions'>
        {status === 'published' ? (
          <Button className='activity-save' type='primary' block loading={form.saving !== null} disabled={form.saving !== null} onClick={() => void form.save(false)}>
            保存修改
          </Button>
        ) : (
          <>
            <Button className='activity-save-draft' fill='outline' loading={form.saving === 'save'} disabled={form.saving !== null} onClick={() => void form.save(false)}>
              保存草稿
            </Button>
            <Button className='activity-publish' type='primary' loading={form.saving === 'publish'} disabled={form.saving !== null} onClick={() => void form.save(true)}>
              发布
            </Button>
          </>
        )}
      </View>
      {signedUp > 0 ? <Text className='wm-muted activity-form-note'>已报名和候补的 {signedUp} 人会收到变更通知。</Text> : null}
    </View>
  )
}

const CATEGORY_OPTIONS = ACTIVITY_CATEGORIES.map((value) => ({ value, label: ACTIVITY_CATEGORY_LABELS[value] }))

function BasicsSection({ form }: { form: ActivityForm }) {
  const { draft, update, fields } = form
  return (
    <SectionCard title='活动内容'>
      <FormField label='活动名称' error={fields.title}>
        <TextInput className='input-title' value={draft.title} maxlength={40} placeholder='如：清洁家园·村道垃圾清理' onChange={(title) => update({ title })} />
      </FormField>
      <FormField label='类别' error={fields.category}>
        <ChoiceChips className='pick-category' label='活动类别' options={CATEGORY_OPTIONS} value={draft.category} onChange={(category: ActivityCategory) => update({ category })} />
      </FormField>
      <FormField label='活动内容' error={fields.description}>
        <TextArea className='input-description' value={draft.description} maxlength={1000} placeholder='做什么、要带什么、集合地点、注意事项' onChange={(description) => update({ description })} />
      </FormField>
    </SectionCard>
  )
}

/** Village and team: admins pick; a team leader's activity belongs to their team. */
function PlaceSection({ form, scope }: { form: ActivityForm; scope: OrganiserScope }) {
  const { draft, update, fields } = form
  const org = useOrgOverview()
  const admin = scope.canAdministerTeams
  const teams = useQuery('volunteers.teams', draft.villageId && admin ? { villageId: draft.villageId } : null)
  const villages = (org.data?.villages ?? []).filter((village) => scope.isTownAdmin || scope.villageIds.includes(village.id))
  const teamOptions = admin ? [{ value: 'open', label: '面向全体志愿者' }, ...namedOptions(teams.data ?? [])] : scope.leaderTeams.map((team) => ({ value: team.teamId, label: team.teamName }))
  return (
    <SectionCard title='组织'>
      <FormField label='村（居）' error={fields.villageId}>
        {villages.length > 1 ? (
          <ChoiceChips className='pick-village' label='选择村（居）' options={namedOptions(villages)} value={draft.villageId} onChange={(villageId) => update({ villageId })} />
        ) : (
          <Text className='activity-form-fixed'>{villages[0]?.name ?? scope.volunteer?.villageName ?? '本村（居）'}</Text>
        )}
      </FormField>
      <FormField label='参加对象' error={fields.teamId} hint={admin ? '选队伍则只有该队队员能报名' : '队长发布的活动面向本队队员'}>
        <ChoiceChips className='pick-team' label='参加对象' options={teamOptions} value={draft.teamId ?? 'open'} onChange={(value) => update({ teamId: value === 'open' ? null : value })} />
      </FormField>
    </SectionCard>
  )
}

function uniqueVenues(items: Array<{ venue: Venue }>): Venue[] {
  const seen = new Set<string>()
  const out: Venue[] = []
  for (const { venue } of items) {
    const key = `${venue.name}|${venue.address}`
    if (!seen.has(key)) {
      seen.add(key)
      out.push(venue)
    }
  }
  return out.slice(0, 6)
}

/** Name, address and the position the check-in distance is measured from. */
function VenueSection({ form }: { form: ActivityForm }) {
  const { draft, update, fields } = form
  const recent = useQuery('volunteers.activities', { managed: true, pageSize: 20 })
  const venues = uniqueVenues(recent.data?.items ?? [])
  return (
    <SectionCard title='地点'>
      <FormField label='地点名称' error={fields.venueName}>
        <TextInput className='input-venue-name' value={draft.venueName} maxlength={40} placeholder='如：村委会广场' onChange={(venueName) => update({ venueName })} />
      </FormField>
      <FormField label='详细地址' error={fields.venueAddress}>
        <TextInput className='input-venue-address' value={draft.venueAddress} maxlength={100} placeholder='如：东山村村委会门前' onChange={(venueAddress) => update({ venueAddress })} />
      </FormField>
      <FormField label='签到位置' error={fields.location} hint='志愿者扫码签到时，要在这个位置附近'>
        <Text className={`activity-location${draft.location ? '' : ' wm-muted'}`}>{draft.location ? `已确定：经度 ${draft.location.lng}，纬度 ${draft.location.lat}` : '还没有确定位置'}</Text>
        <View className='wm-actions'>
          {CAN_PICK_ON_MAP ? (
            <Button className='venue-pick-map' size='small' type='primary' fill='outline' disabled={form.locating} onClick={() => void form.locate('map')}>
              地图选点
            </Button>
          ) : null}
          {canLocate() ? (
            <Button className='venue-locate' size='small' fill='outline' loading={form.locating} disabled={form.locating} onClick={() => void form.locate('here')}>
              使用当前位置
            </Button>
          ) : null}
        </View>
        {venues.length ? (
          <View className='venue-recent'>
            <Text className='wm-muted'>沿用以前的地点：</Text>
            <View className='venue-recent-list'>
              {venues.map((venue) => (
                <Text key={`${venue.name}|${venue.address}`} className='venue-recent-item' onClick={() => update({ venueName: venue.name, venueAddress: venue.address, location: venue.location })}>
                  {venue.name}
                </Text>
              ))}
            </View>
          </View>
        ) : null}
      </FormField>
    </SectionCard>
  )
}

function TimeSection({ form }: { form: ActivityForm }) {
  const { draft, update, fields } = form
  return (
    <SectionCard title='时间与名额'>
      <FormField label='开始时间' error={fields.startAt}>
        <DateTimeField className='pick-start' value={draft.startAt} onChange={(startAt) => update({ startAt })} />
      </FormField>
      <FormField label='结束时间' error={fields.endAt}>
        <DateTimeField className='pick-end' value={draft.endAt} onChange={(endAt) => update({ endAt })} />
      </FormField>
      <FormField label='报名截止' error={fields.signupDeadline} hint='截止前可以报名和取消报名'>
        <DateTimeField className='pick-deadline' value={draft.signupDeadline} onChange={(signupDeadline) => update({ signupDeadline })} />
      </FormField>
      <FormField label='人数上限' error={fields.capacity} hint='报满后可以候补，有人取消时按顺序递补'>
        <TextInput className='input-capacity' type='number' value={draft.capacity} maxlength={4} placeholder='如：20' onChange={(capacity) => update({ capacity })} />
      </FormField>
      <FormField label='最多计时长（小时）' error={fields.hoursCredit} hint='按签到签退计时，不超过这个时长'>
        <TextInput className='input-hours-credit' type='digit' value={draft.hoursCredit} maxlength={4} placeholder='如：2' onChange={(hoursCredit) => update({ hoursCredit })} />
      </FormField>
    </SectionCard>
  )
}
