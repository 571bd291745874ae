/**
 * The demo town's 周通报, relative to the seed time: the week before last drafted on its Monday,
 * opened for 申诉, contested by 东山村 (超期), the contest answered and the bulletin published after
 * the window; last week's drafted and opened for 申诉 an hour ago (under review). Written through
 * the supervision function's own handlers, as the town office and 东山村's admin, at past instants.
 */
import { C } from '../cloudfunctions/_shared/collections'
import { keyOfPeriod } from '../src/domain/bulletin'
import { endOfChinaDay } from '../src/domain/china-time'
import { weekOf } from '../src/domain/indicators'
import { act, type SupervisionSeedCloud } from './seed-supervision'

const HOUR = 3600 * 1000
const DAY = 24 * HOUR

/** Returns how many bulletins it wrote (0 when the town already has some). */
export async function seedDemoBulletins(cloud: SupervisionSeedCloud, now = new Date()): Promise<number> {
  if (cloud.engine.count(C.bulletins, {}) > 0) return 0
  const before = weekOf(new Date(now.getTime() - 14 * DAY))
  const last = weekOf(new Date(now.getTime() - 7 * DAY))
  // the week before last: drafted the Monday after it, 09:00 China time
  const t0 = endOfChinaDay(before.last).getTime() + 9 * HOUR
  const early = (at: number) => new Date(Math.min(at, now.getTime() - 3 * HOUR))
  const d1 = await act(cloud, 'town-admin', early(t0), 'supervision.generateBulletin', { kind: 'week', periodKey: keyOfPeriod('week', before) })
  const r1 = await act(cloud, 'town-admin', early(t0 + HOUR), 'supervision.openBulletinReview', { bulletinId: d1.id, rev: d1.rev })
  await act(cloud, 'village-admin-dongshan', early(t0 + 3 * HOUR), 'supervision.contestBulletin', {
    bulletinId: d1.id,
    placeKind: 'village',
    placeId: 'v_dongshan',
    figure: 'overdue',
    reason: '其中一件超期问题已于周五整改完毕，待验收，请核实'
  })
  const answerAt = early(t0 + 5 * HOUR)
  const a1 = await act(cloud, 'town-admin', answerAt, 'supervision.answerContest', {
    bulletinId: d1.id,
    contestId: 'village-v_dongshan',
    decision: 'accept',
    note: '经核实已整改，待验收；超期数按统计时点不变，附注说明'
  })
  // published once the window (one working day) is over
  const publishAt = new Date(Math.min(new Date(r1.reviewUntil ?? answerAt).getTime() + HOUR, now.getTime() - 2 * HOUR))
  if (publishAt.getTime() > new Date(r1.reviewUntil ?? 0).getTime()) await act(cloud, 'town-admin', publishAt, 'supervision.publishBulletin', { bulletinId: d1.id, rev: a1.rev })
  // last week: drafted and opened for 申诉 just now
  const t1 = Math.max(endOfChinaDay(last.last).getTime() + 60_000, now.getTime() - 2 * HOUR)
  const d2 = await act(cloud, 'town-admin', new Date(t1), 'supervision.generateBulletin', { kind: 'week', periodKey: keyOfPeriod('week', last) })
  await act(cloud, 'town-admin', new Date(Math.min(t1 + HOUR, now.getTime())), 'supervision.openBulletinReview', { bulletinId: d2.id, rev: d2.rev })
  return 2
}
