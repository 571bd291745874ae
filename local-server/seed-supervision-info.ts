/**
 * The demo town's 信息报送, relative to the seed time: last half month 东山村 had two items adopted (镇级
 * and 县级, one with a photo), 西岗社区 one returned with a reason, 南湖村 one adopted, 行政执法中队 one
 * adopted; 北岭村 sent nothing (未报送). This half month 东山村, 西岗社区 and 行政执法中队 each have one
 * waiting (待审) in the town office's queue. Written through the supervision function's own handlers,
 * as the demo people, at times before the seed time.
 */
import type { InputOf } from '../src/contract'
import { C } from '../cloudfunctions/_shared/collections'
import { halfMonthOf, previousHalf } from '../src/domain/half-month'
import { act, type SupervisionSeedCloud } from './seed-supervision'
import { demoPng } from './seed-reports'

const HOUR = 3600 * 1000
const DAY = 24 * HOUR

type Decision = { decision: 'adopt'; level: 'town' | 'county' | 'city' } | { decision: 'return'; reason: string }

interface Spec {
  who: string
  /** In the last half month (days after its start), or in this one (hours before now). */
  last?: number
  hoursAgo?: number
  input: Omit<InputOf<'supervision.submitInfo'>, 'key' | 'submitterKind' | 'submitterId'>
  photo?: true
  decide?: Decision
}

const SENDERS: Record<string, Pick<InputOf<'supervision.submitInfo'>, 'submitterKind' | 'submitterId'>> = {
  'village-admin-dongshan': { submitterKind: 'village', submitterId: 'v_dongshan' },
  'village-admin-xigang': { submitterKind: 'village', submitterId: 'v_xigang' },
  'village-admin-nanhu': { submitterKind: 'village', submitterId: 'v_nanhu' },
  'unit-zhifa': { submitterKind: 'unit', submitterId: 'unit_1' }
}

const SPECS: Spec[] = [
  {
    who: 'village-admin-dongshan',
    last: 2,
    photo: true,
    input: { kind: 'practice', title: '东山村“门前三包”责任到户', text: '东山村把村道划分到户，每户负责门前卫生、秩序和绿化，网格员每周检查一次并在村务公开栏公布，村容村貌明显改善。' },
    decide: { decision: 'adopt', level: 'county' }
  },
  {
    who: 'village-admin-dongshan',
    last: 6,
    input: { kind: 'news', title: '东山村开展沟渠清淤志愿服务', text: '本周六东山村组织党员和志愿者三十余人清理村内沟渠淤泥和垃圾，清运杂物八车，群众纷纷点赞。' },
    decide: { decision: 'adopt', level: 'town' }
  },
  {
    who: 'village-admin-xigang',
    last: 4,
    input: { kind: 'case', title: '西岗社区好人好事一则', text: '社区居民拾到钱包后主动交到社区服务站，经核实已归还失主，失主送来锦旗表示感谢。' },
    decide: { decision: 'return', reason: '请补充当事人姓名（经本人同意）和现场照片后再报送' }
  },
  {
    who: 'village-admin-nanhu',
    last: 8,
    input: { kind: 'news', title: '南湖村启动“最美庭院”评选', text: '南湖村启动“最美庭院”评选活动，各村民小组推荐候选家庭十二户，下月由村民代表实地打分。' },
    decide: { decision: 'adopt', level: 'town' }
  },
  {
    who: 'unit-zhifa',
    last: 3,
    input: { kind: 'news', title: '执法中队集中整治占道经营', text: '行政执法中队联合市场监管所对集镇主街占道经营开展集中整治，劝导流动摊贩入市经营二十余处。' },
    decide: { decision: 'adopt', level: 'town' }
  },
  {
    who: 'village-admin-dongshan',
    hoursAgo: 20,
    input: { kind: 'news', title: '东山村举办文明家庭表彰会', text: '东山村召开文明家庭表彰会，表彰上半年评出的十户文明家庭，并邀请代表分享家风家训故事。' }
  },
  { who: 'village-admin-xigang', hoursAgo: 6, input: { kind: 'practice', title: '西岗社区楼道“微治理”', text: '西岗社区发动楼栋长带领居民清理楼道堆物，制定楼道公约，楼道杂物堆放问题明显减少。' } },
  { who: 'unit-zhifa', hoursAgo: 3, input: { kind: 'case', title: '执法队员耐心劝导流动摊贩', text: '执法队员在集镇路口发现流动摊贩后耐心劝导，帮助其在农贸市场找到固定摊位，摊主表示理解支持。' } }
]

export async function seedDemoInfo(cloud: SupervisionSeedCloud, now = new Date()): Promise<number> {
  if (cloud.engine.count(C.info_items, {}) > 0) return 0
  const current = halfMonthOf(now)
  const last = previousHalf(current)
  const photo = await cloud.uploadFile('seed/info/photo-1.png', demoPng([90, 140, 110]))
  for (const [k, s] of SPECS.entries()) {
    // last half month: its days (never later than its end); this one: hours ago, never before it began
    const at =
      s.last !== undefined
        ? new Date(Math.min(last.start.getTime() + s.last * DAY + 10 * HOUR, last.end.getTime() - HOUR))
        : new Date(Math.min(now.getTime(), Math.max(now.getTime() - (s.hoursAgo ?? 1) * HOUR, current.start.getTime() + k * 60_000)))
    const sent = await act(cloud, s.who, at, 'supervision.submitInfo', { key: `seed-info-${k}`, ...SENDERS[s.who], ...s.input, photos: s.photo ? [photo] : [] })
    if (s.decide) await act(cloud, k % 2 === 0 ? 'town-admin' : 'town-admin-2', new Date(Math.min(at.getTime() + DAY, now.getTime())), 'supervision.decideInfo', { infoId: sent.id, ...s.decide })
  }
  return SPECS.length
}
