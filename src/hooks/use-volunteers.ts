import { useCallback, useMemo } from 'react'
import Taro from '@tarojs/taro'
import type { ActivityDetail, VolunteerProfile } from '@/contract'
import { useAppStore } from '@/store/app-store'
import { useAdminScope } from './use-admin-scope'
import { useAction } from './use-action'
import { useQuery, useQueryOf, type Remote } from './use-query'

export interface VolunteerMe {
  /** null = not registered as a volunteer yet. */
  volunteer: VolunteerProfile | null
}

/** My volunteer registration (volunteers.me); `data.volunteer` is null before 实名注册. */
export function useVolunteerMe(enabled = true): Remote<VolunteerMe> {
  return useQueryOf('volunteers.me', {}, (volunteer): VolunteerMe => ({ volunteer }), { enabled })
}

export function useActivityDetail(activityId: string | undefined): Remote<ActivityDetail> {
  return useQuery('volunteers.activity', activityId ? { activityId } : null)
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
 * (teams[].leader). The server checks every call again. `leaders: false` does not ask volunteers.me
 * (no team leadership known: `loading` false, `leaderTeams` empty).
 */
export function useOrganiserScope(leaders = true): OrganiserScope {
  const { profile } = useAppStore()
  const scope = useAdminScope()
  const admin = scope.isTownAdmin || scope.isVillageAdmin
  const me = useVolunteerMe(leaders && Boolean(profile) && scope.isVolunteer)
  const volunteer = me.data?.volunteer ?? null
  return useMemo(() => {
    const leaderTeams = (volunteer?.teams ?? []).filter((team) => team.leader && team.status === 'approved').map(({ teamId, teamName }) => ({ teamId, teamName }))
    const villageIds = scope.isTownAdmin ? [] : scope.villageIds.length ? scope.villageIds : volunteer && leaderTeams.length ? [volunteer.villageId] : []
    return {
      loading: leaders && scope.isVolunteer && !admin && !me.data && !me.error,
      isTownAdmin: scope.isTownAdmin,
      isVillageAdmin: scope.isVillageAdmin,
      leaderTeams,
      villageIds,
      canOrganise: admin || leaderTeams.length > 0,
      canAdministerTeams: admin,
      volunteer
    }
  }, [leaders, scope, admin, me.data, me.error, volunteer])
}

/** Runs one action that answers with the activity, puts the answer in place, toasts; the message on failure. */
export function useActivityRunner(detail: Remote<ActivityDetail>) {
  const signup = useAction('volunteers.signup')
  const cancel = useAction('volunteers.cancelSignup')
  const { setData, reload } = detail
  const busy: 'signup' | 'cancel' | null = signup.busy ? 'signup' : cancel.busy ? 'cancel' : null

  /** `before` runs in the tap, before the request (the 订阅消息 dialog must). */
  const run = async (key: 'signup' | 'cancel', activityId: string, done: (activity: ActivityDetail) => string, before?: () => Promise<unknown>): Promise<ActivityDetail | null> => {
    if (busy) return null
    if (before) await before()
    const res = await (key === 'signup' ? signup : cancel).run({ activityId })
    if (!res) return null
    if (!res.ok) {
      void Taro.showToast({ title: res.message, icon: 'none', duration: 2500 })
      if (res.code === 'CONFLICT' || res.code === 'NOT_FOUND') void reload()
      return null
    }
    setData(() => res.data)
    void Taro.showToast({ title: done(res.data), icon: res.data.mine?.status === 'waitlisted' ? 'none' : 'success' })
    return res.data
  }

  const { reset: resetSignup } = signup
  const { reset: resetCancel } = cancel
  const clearError = useCallback(() => {
    resetSignup()
    resetCancel()
  }, [resetSignup, resetCancel])
  return { run, busy, error: signup.message ?? cancel.message, clearError }
}
