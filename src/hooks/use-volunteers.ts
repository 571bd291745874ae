import { useCallback, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import type { ActivityDetail, Result, VolunteerProfile } from '@/contract'
import { useAppStore } from '@/store/app-store'
import { call } from '@/services/call'
import { useAdminScope } from './use-admin-scope'
import { useRemote, type Remote } from './use-remote'

export interface VolunteerMe {
  /** null = not registered as a volunteer yet. */
  volunteer: VolunteerProfile | null
}

/** My volunteer registration (volunteers.me); `data.volunteer` is null before 实名注册. */
export function useVolunteerMe(enabled = true): Remote<VolunteerMe> {
  return useRemote(
    async (): Promise<Result<VolunteerMe>> => {
      const res = await call('volunteers.me', {})
      return res.ok ? { ok: true, data: { volunteer: res.data } } : res
    },
    'volunteer-me',
    enabled
  )
}

export function useActivityDetail(activityId: string | undefined): Remote<ActivityDetail> {
  return useRemote(() => call('volunteers.activity', { activityId: activityId ?? '' }), `activity:${activityId ?? ''}`, Boolean(activityId))
}

export async function confirmed(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText, cancelText: '再想想', confirmColor: '#c8161d' })
    return Boolean(res.confirm)
  } catch {
    return false
  }
}

export interface OrganiserScope {
  /** volunteers.me is still on its way (only for volunteers without an admin role). */
  loading: boolean
  isTownAdmin: boolean
  isVillageAdmin: boolean
  /** Teams I lead (approved leader in volunteers.me). */
  leaderTeams: Array<{ teamId: string; teamName: string }>
  /** Villages I organise in: my admin villages, or my own village as a team leader; empty for the town office (all). */
  villageIds: string[]
  /** Any organiser page at all: village admins, the town office, team leaders. */
  canOrganise: boolean
  /** Teams overview, new teams and leaders: village admins and the town office. */
  canAdministerTeams: boolean
  volunteer: VolunteerProfile | null
}

/**
 * Who may use the organiser pages. Admins from their grants; team leaders from volunteers.me
 * (teams[].leader). The server checks every call again.
 */
export function useOrganiserScope(): OrganiserScope {
  const { profile } = useAppStore()
  const scope = useAdminScope()
  const admin = scope.isTownAdmin || scope.isVillageAdmin
  const me = useVolunteerMe(Boolean(profile) && scope.isVolunteer)
  const volunteer = me.data?.volunteer ?? null
  return useMemo(() => {
    const leaderTeams = (volunteer?.teams ?? []).filter((team) => team.leader && team.status === 'approved').map(({ teamId, teamName }) => ({ teamId, teamName }))
    const villageIds = scope.isTownAdmin ? [] : scope.villageIds.length ? scope.villageIds : volunteer && leaderTeams.length ? [volunteer.villageId] : []
    return {
      loading: scope.isVolunteer && !admin && !me.data && !me.error,
      isTownAdmin: scope.isTownAdmin,
      isVillageAdmin: scope.isVillageAdmin,
      leaderTeams,
      villageIds,
      canOrganise: admin || leaderTeams.length > 0,
      canAdministerTeams: admin,
      volunteer
    }
  }, [scope, admin, me.data, me.error, volunteer])
}

/** Runs one action that answers with the activity, puts the answer in place, toasts; the message on failure. */
export function useActivityRunner(detail: Remote<ActivityDetail>) {
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const { setData, reload } = detail

  const run = useCallback(
    async (key: string, send: () => Promise<Result<ActivityDetail>>, done: (activity: ActivityDetail) => string): Promise<ActivityDetail | null> => {
      setBusy(key)
      setError(null)
      const res = await send()
      setBusy(null)
      if (!res.ok) {
        setError(res.message)
        void Taro.showToast({ title: res.message, icon: 'none', duration: 2500 })
        if (res.code === 'CONFLICT' || res.code === 'NOT_FOUND') void reload()
        return null
      }
      setData(() => res.data)
      void Taro.showToast({ title: done(res.data), icon: res.data.mine?.status === 'waitlisted' ? 'none' : 'success' })
      return res.data
    },
    [setData, reload]
  )

  return { run, busy, error, clearError: useCallback(() => setError(null), []) }
}
