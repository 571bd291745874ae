import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { ROLE_LABELS, type AssignableRole, type InputOf, type OrgOverview, type RoleGrant, type Unit, type UserSummary } from '@/contract'
import { describeGrant } from '@/services/org-names'
import { validateInput } from '@/services/validate'
import { useAction } from './use-action'

export interface RoleDraft {
  role: AssignableRole | null
  villageId: string | null
  gridId: string | null
  unitId: string | null
}

const EMPTY: RoleDraft = { role: null, villageId: null, gridId: null, unitId: null }

/**
 * What the form asks before the contract can: a role, and for a grid its village first. The place
 * each role needs is the contract's (users.assignRole), checked with validateInput.
 */
export function missingPlace(draft: RoleDraft): string | null {
  if (!draft.role) return '请选择角色'
  if (draft.role === 'grid_worker' && !draft.gridId && !draft.villageId) return '请先选择村（居），再选网格'
  return null
}

function targetOf(userId: string, draft: RoleDraft): InputOf<'users.assignRole'> {
  const role = draft.role as AssignableRole
  return {
    userId,
    role,
    ...(role === 'village_admin' && draft.villageId ? { villageId: draft.villageId } : {}),
    ...(role === 'grid_worker' && draft.gridId ? { gridId: draft.gridId } : {}),
    ...(role === 'unit_staff' && draft.unitId ? { unitId: draft.unitId } : {})
  }
}

async function confirm(title: string, content: string): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '取消', confirmColor: '#c8161d' })
    return Boolean(res.confirm)
  } catch {
    return false
  }
}

/** Assign / revoke one person's roles (town office), with confirmation and a toast. */
export function useRoleEditor(user: UserSummary, org: OrgOverview | null, units: Unit[] | null, onChanged: (user: UserSummary) => void) {
  const [draft, setDraft] = useState<RoleDraft>(EMPTY)
  const assignRole = useAction('users.assignRole')
  const revokeRole = useAction('users.revokeRole')
  const saving = assignRole.busy || revokeRole.busy
  const error = assignRole.message ?? revokeRole.message
  const { reset: resetAssign, fail } = assignRole
  const { reset: resetRevoke } = revokeRole

  const choose = useCallback(
    (patch: Partial<RoleDraft>) => {
      resetAssign()
      resetRevoke()
      setDraft((current) => {
        const next = { ...current, ...patch }
        if (patch.role && patch.role !== current.role) return { ...EMPTY, role: patch.role, villageId: current.villageId }
        if (patch.villageId && patch.villageId !== current.villageId) next.gridId = null
        return next
      })
    },
    [resetAssign, resetRevoke]
  )

  const assign = useCallback(async (): Promise<boolean> => {
    resetRevoke()
    const missing = missingPlace(draft)
    if (missing) {
      fail(missing)
      return false
    }
    const input = targetOf(user.id, draft)
    const invalid = validateInput('users.assignRole', input)
    if (invalid) {
      fail(invalid.message)
      return false
    }
    const grant: RoleGrant = { ...input, role: input.role, grantedAt: '', grantedBy: '' }
    const ok = await confirm('确认分配角色', `给 ${user.name || '该人员'} 分配「${describeGrant(grant, org, units)}」？`)
    if (!ok) return false
    const res = await assignRole.run(input)
    if (!res?.ok) return false
    onChanged(res.data)
    setDraft(EMPTY)
    void Taro.showToast({ title: `已分配${ROLE_LABELS[input.role]}`, icon: 'success' })
    return true
  }, [draft, user, org, units, onChanged, assignRole, resetRevoke, fail])

  const revoke = useCallback(
    async (grant: RoleGrant): Promise<boolean> => {
      const label = describeGrant(grant, org, units)
      const ok = await confirm('确认取消角色', `取消 ${user.name || '该人员'} 的「${label}」？`)
      if (!ok) return false
      resetAssign()
      const input: InputOf<'users.revokeRole'> = {
        userId: user.id,
        role: grant.role,
        ...(grant.villageId ? { villageId: grant.villageId } : {}),
        ...(grant.gridId ? { gridId: grant.gridId } : {}),
        ...(grant.unitId ? { unitId: grant.unitId } : {})
      }
      const res = await revokeRole.run(input)
      if (!res?.ok) return false
      onChanged(res.data)
      void Taro.showToast({ title: '已取消', icon: 'success' })
      return true
    },
    [user, org, units, onChanged, revokeRole, resetAssign]
  )

  return { draft, choose, saving, error, assign, revoke }
}
