import { type RoleGrant, type Page, type UserSummary } from '@/contract'
import type { Ctx, Handlers } from '../_shared/router'
import { C, TOWN_ID } from '../_shared/collections'
import { scopeKeysOf, sameGrant, type GridDoc, type UnitDoc, type UserDoc } from '../_shared/docs'
import { AppError, fail } from '../_shared/errors'
import { auditEntry } from '../_shared/audit'
import { mapPage, offsetPage } from '../_shared/paging'
import { ensureUser, findUsers, newUserDoc, updateUserAt } from './repo'
import { villageWithGrids } from '../_shared/villages'
import { toMyProfile, toSummary } from './view'
import { confirmMove, moves, placement, refuseMove, withdrawal } from './moves'
import { home } from './home'

function requireUser(ctx: Ctx): UserDoc {
  if (!ctx.user) return fail('UNAUTHENTICATED', '请先登录后再操作')
  return ctx.user
}

/** The grant to make; the place each role needs is required by the schema (users.assignRole). */
async function resolveTarget(ctx: Ctx, input: { role: RoleGrant['role']; villageId?: string; gridId?: string; unitId?: string }): Promise<Omit<RoleGrant, 'grantedAt' | 'grantedBy'>> {
  switch (input.role) {
    case 'town_admin':
      return { role: 'town_admin' }
    case 'village_admin': {
      const villageId = input.villageId as string
      const found = await villageWithGrids(ctx.store, villageId)
      if (!found) return fail('NOT_FOUND', '没有找到这个村（居）')
      return { role: 'village_admin', villageId }
    }
    case 'grid_worker': {
      const grid = await ctx.store.findOne<GridDoc>(C.grids, { _id: input.gridId as string })
      if (!grid || grid.townId !== TOWN_ID) return fail('NOT_FOUND', '没有找到这个网格')
      return { role: 'grid_worker', villageId: grid.villageId, gridId: grid._id }
    }
    case 'unit_staff': {
      const unit = await ctx.store.findOne<UnitDoc>(C.units, { _id: input.unitId as string })
      if (!unit || unit.townId !== TOWN_ID) return fail('NOT_FOUND', '没有找到这个责任单位')
      return { role: 'unit_staff', unitId: unit._id }
    }
  }
}

/** Grants change the user and add an audit entry in one transaction: both or neither. */
async function changeGrants(ctx: Ctx, userId: string, change: (grants: RoleGrant[]) => RoleGrant[], action: string, detail: Record<string, unknown>): Promise<UserSummary> {
  const result = await ctx.store.transaction(async (tx) => {
    const user = await tx.get<UserDoc>(C.users, userId)
    if (!user) return { missing: true as const }
    const grants = change(user.grants)
    const now = ctx.now()
    const patch = { grants, scopeKeys: scopeKeysOf(grants), updatedAt: now, rev: user.rev + 1 }
    await tx.update(C.users, userId, patch)
    await tx.insert(C.audit_log, auditEntry(ctx, 'user', userId, action, detail))
    return { missing: false as const, user: { ...user, ...patch } }
  })
  if (result.missing) return fail('NOT_FOUND', '没有找到这个人')
  return toSummary(result.user, ctx)
}

export const handlers: Handlers<'users'> = {
  home,
  async me(_input, ctx) {
    // Before consent nothing is stored: a first visit sees an empty, unsaved profile.
    return toMyProfile(ctx.user ?? newUserDoc(ctx.userId, ctx.openid, ctx.now()))
  },

  async updateProfile(input, ctx) {
    const user = requireUser(ctx)
    const patch: Partial<UserDoc> = await placement(ctx, user, input)
    if (input.name !== undefined) patch.name = input.name
    if (input.phone !== undefined) patch.phone = input.phone === '' ? null : input.phone
    return toMyProfile(await updateUserAt(ctx.store, user, patch, ctx.now()))
  },

  /** The profile is created here, with the consent, and not before. A double tap or a retry is answered with the stored consent. */
  async acceptPrivacy(input, ctx) {
    const now = ctx.now()
    const consent = { privacyVersion: input.version, privacyAcceptedAt: now }
    let user = ctx.user ?? (await ensureUser(ctx.store, ctx.userId, ctx.openid, now, consent))
    for (let attempt = 1; ; attempt++) {
      if (user.privacyVersion === input.version) return toMyProfile(user)
      try {
        return toMyProfile(await updateUserAt(ctx.store, user, consent, now))
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'CONFLICT') || attempt >= 3) throw e
        user = (await ctx.store.findOne<UserDoc>(C.users, { _id: ctx.userId })) ?? user
      }
    }
  },

  async setPreferences(input, ctx) {
    const user = requireUser(ctx)
    return toMyProfile(await updateUserAt(ctx.store, user, { largeFont: input.largeFont }, ctx.now()))
  },

  async list(input, ctx): Promise<Page<UserSummary>> {
    // A keyword finds names that start with it (people search by surname).
    const page = await offsetPage(input, (skip, limit) => findUsers(ctx.store, input, skip, limit))
    return mapPage(page, (rows) => rows.map((u) => toSummary(u, ctx)))
  },

  async assignRole(input, ctx) {
    const target = await resolveTarget(ctx, input)
    const grant: RoleGrant = { ...target, grantedAt: ctx.now().toISOString(), grantedBy: ctx.userId }
    return changeGrants(ctx, input.userId, (grants) => (grants.some((g) => sameGrant(g, target)) ? grants : [...grants, grant]), 'assignRole', { grant: target })
  },

  async revokeRole(input, ctx) {
    if (input.userId === ctx.userId && input.role === 'town_admin') fail('FORBIDDEN', '不能取消自己的镇创建办角色，请由其他管理员操作')
    const target = await resolveTarget(ctx, input)
    return changeGrants(ctx, input.userId, (grants) => grants.filter((g) => !sameGrant(g, target)), 'revokeRole', { grant: target })
  },

  async cancelMove(_input, ctx) {
    const user = requireUser(ctx)
    const patch = withdrawal(user)
    return toMyProfile(patch ? await updateUserAt(ctx.store, user, patch, ctx.now()) : user)
  },

  moves,
  confirmMove,
  refuseMove
}
