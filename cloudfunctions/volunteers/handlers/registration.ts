/** Real-name registration (实名注册), the volunteer's own profile, and the town office's rules. */
import type { ActionName, ParsedInputOf, VolunteerProfile, VolunteerSettings } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C, TOWN_ID } from '../../_shared/collections'
import { auditEntry, setAudited } from '../../_shared/audit'
import type { VillageDoc } from '../../_shared/docs'
import { AppError, fail, isDuplicateKeyError } from '../../_shared/errors'
import { prefetchedOne, withPrefetch } from '../../_shared/prefetch'
import { checkText } from '../../_shared/security'
import { SETTINGS_ID, type MemberDoc, type VolunteerDoc } from '../docs'
import { legacyIdHashOf, sealIdNumber } from '../id-number'
import { findRegistrations, loadSettings, loadVolunteer, totalHoursOf } from '../repo'
import { toProfile } from '../view'

type In<A extends ActionName> = ParsedInputOf<A>

const MAX_TEAMS_PER_PERSON = 100
const ID_TAKEN = '该身份证号已注册过志愿者，一个身份证号只能注册一次'

/** The profile as the caller sees it: teams and counted hours, ID and phone masked as the caller may see them. */
export async function profileOf(ctx: Ctx, doc: VolunteerDoc): Promise<VolunteerProfile> {
  const [members, total] = await Promise.all([
    ctx.store.find<MemberDoc>(C.team_members, { userId: doc._id }, { sort: [['appliedAt', 'asc']], limit: MAX_TEAMS_PER_PERSON }),
    totalHoursOf(ctx.store, doc._id)
  ])
  return toProfile(doc, members, total, ctx)
}

export async function me(_input: In<'volunteers.me'>, ctx: Ctx): Promise<VolunteerProfile | null> {
  if (!ctx.roles.includes('volunteer')) return null
  const doc = await loadVolunteer(ctx.store, ctx.userId)
  return doc ? profileOf(ctx, doc) : null
}

/**
 * In one read, the caller's registration and any other of this ID number (`idHashes`: its keyed
 * hash, and the unsalted one of a registration the job has not rewritten yet). The caller's own with
 * the same number is a retry; with another number, or the number registered by someone else, a conflict.
 */
async function existingRegistration(ctx: Ctx, idHashes: string[]): Promise<VolunteerProfile | null> {
  const found = await findRegistrations(ctx.store, ctx.userId, idHashes)
  const mine = found.find((d) => d._id === ctx.userId)
  if (mine && !idHashes.includes(mine.idHash)) fail('CONFLICT', '您已经实名注册过志愿者；如需更正身份信息，请联系镇创建办')
  if (found.some((d) => d._id !== ctx.userId)) fail('CONFLICT', ID_TAKEN)
  return mine ? profileOf(ctx, mine) : null
}

/**
 * One registration per person (the document id is the user's id) and per ID number (unique index
 * on its keyed hash; a registration still stored the old way is found by its unsalted hash until the
 * job rewrites it). The number is sealed first: without the key nothing is read or written. The
 * registration and the user's volunteer flag are written in one transaction.
 */
export const register = withPrefetch<'volunteers.register'>((input) => ({ village: { coll: C.villages, match: { _id: input.villageId, townId: TOWN_ID } } }), registerFor)

async function registerFor(input: In<'volunteers.register'>, ctx: Ctx): Promise<VolunteerProfile> {
  const now = ctx.now()
  const sealed = sealIdNumber(input.idNumber)
  const idHashes = [sealed.idHash, legacyIdHashOf(input.idNumber)]
  const again = await existingRegistration(ctx, idHashes)
  if (again) return again
  const village = await prefetchedOne<VillageDoc>(ctx, 'village', () => ctx.store.findOne<VillageDoc>(C.villages, { _id: input.villageId, townId: TOWN_ID }))
  if (!village) return fail('INVALID_INPUT', '所选村（居）不存在', { villageId: '所选村（居）不存在' })
  const skills = [...new Set(input.skills)]
  await checkText(ctx.openid, [input.realName, skills.join('、')])
  const doc: VolunteerDoc = {
    _id: ctx.userId,
    userId: ctx.userId,
    openid: ctx.openid,
    realName: input.realName,
    ...sealed,
    phone: input.phone,
    skills,
    villageId: village._id,
    villageName: village.name,
    registeredAt: now,
    idConsentAt: now,
    certificate: null,
    updatedAt: now
  }
  try {
    // No read first: the registration's id is the user's, so a repeat (a double tap) is refused by
    // the insert as a duplicate key, and the profile's revision moves by an increment (no profile:
    // nothing changes, and the transaction is undone).
    await ctx.store.transaction(async (tx) => {
      await tx.insert(C.volunteers, doc)
      const changed = await tx.update(C.users, ctx.userId, { isVolunteer: true, updatedAt: now, rev: tx.op.inc(1) })
      if (changed === 0) return fail('UNAUTHENTICATED', '请先登录后再操作')
      await tx.insert(C.audit_log, auditEntry(ctx, 'volunteer', ctx.userId, 'register', { villageId: village._id }))
    })
  } catch (e) {
    const raced = isDuplicateKeyError(e) || (e instanceof AppError && e.code === 'CONFLICT')
    if (!raced) throw e
    // a double tap of this person, or the ID number is someone else's
    const mine = await existingRegistration(ctx, idHashes)
    if (mine) return mine
    if (isDuplicateKeyError(e)) fail('CONFLICT', ID_TAKEN)
    throw e
  }
  // a new registration has no teams and no hours yet
  return toProfile(doc, [], 0, ctx)
}

export async function settings(_input: In<'volunteers.settings'>, ctx: Ctx): Promise<VolunteerSettings> {
  return loadSettings(ctx.store)
}

export async function saveSettings(input: In<'volunteers.saveSettings'>, ctx: Ctx): Promise<VolunteerSettings> {
  const rules: VolunteerSettings = { roundingHours: input.roundingHours, maxDistanceM: input.maxDistanceM, rotateSeconds: input.rotateSeconds, checkinOpensMinutes: input.checkinOpensMinutes }
  await setAudited(ctx, C.volunteer_settings, SETTINGS_ID, 'volunteer_settings', 'saveSettings', () => ({ doc: { ...rules, updatedAt: ctx.now(), updatedBy: ctx.userId }, detail: { ...rules } }))
  return rules
}
