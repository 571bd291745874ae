/**
 * The demo town's 善行义举四德榜 and 评选: 东山村's boards for last month and the previous quarter,
 * the town's board for last year, 东山村's “好媳妇” selection in its voting (approved candidates,
 * one rejected nomination, votes over two days) and the town's “最美志愿者” selection taking
 * nominations. Written by the honour function's own handlers, called as the demo people who would
 * have done each step, at times before the seed time: data, audit entries and ballots come out as
 * the live system writes them.
 */
import type { HonourCategory, HonourPeriod, HonourSubject } from '../src/contract'
import { C } from '../cloudfunctions/_shared/collections'
import { demoPerson } from './seed'
import { act, type SeedCloud } from './seed-act'
import { demoPng } from './seed-reports'
import { chinaInstant, chinaParts } from '../src/domain/china-time'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** What seeding needs of the local cloud (each action runs through ./seed-act.ts as the demo person, at a past instant). */
export type HonourSeedCloud = SeedCloud

/* ---------------------------------------------------------------- China calendar */

/** The China month of `t`; the instant of a China wall-clock time (months past 12 roll over). */
const chinaMonthOf = (t: Date) => chinaParts(t)
const chinaTime = chinaInstant

/* ---------------------------------------------------------------- boards */

interface EntrySpec {
  subject: HonourSubject
  name: string
  category: HonourCategory
  story: string
  /** Demo person the entry is about, if they use the app. */
  person?: string
  /** Index into the seeded photos. */
  photo?: number
}

interface BoardSpec {
  by: string
  villageId: string | null
  title: string
  period: HonourPeriod
  /** When it was published; saved as a draft the day before. */
  publishedAt: Date
  entries: EntrySpec[]
}

const LAST_MONTH_ENTRIES: EntrySpec[] = [
  { subject: 'person', name: '王秀兰', category: 'filial', person: 'resident-1', photo: 0, story: '婆婆中风卧床六年，她每天翻身擦洗、喂饭喂药，老人身上从没长过褥疮。' },
  { subject: 'household', name: '林志愿家', category: 'helping', story: '一家三口每周六到村居家养老服务站帮厨，给独居老人送午饭，已坚持两年多。' },
  { subject: 'person', name: '陈建平', category: 'honesty', story: '在村口捡到装有八千元现金和证件的挎包，冒雨等了一个多小时，把包原封不动交还失主。' },
  { subject: 'person', name: '吴国强', category: 'bravery', photo: 1, story: '邻居家柴房起火，他第一个冲进去搬出液化气罐，又和赶来的村民一起把火扑灭。' },
  { subject: 'person', name: '周美玉', category: 'dedication', story: '村卫生室乡村医生，三十年随叫随到，夜里出诊从不收一分辛苦费。' }
]

const LAST_QUARTER_ENTRIES: EntrySpec[] = [
  { subject: 'person', name: '李大爷', category: 'helping', person: 'resident-2', story: '自掏腰包买来水泥石子，带着几位老伙计修好了村东头坑坑洼洼的机耕路。' },
  { subject: 'household', name: '徐桂香家', category: 'filial', photo: 2, story: '三代同堂十二口人，婆媳和睦、妯娌互帮，逢年过节总把孤寡老人请到家里吃团圆饭。' },
  { subject: 'person', name: '赵春生', category: 'honesty', story: '开农资店十五年，坚持明码标价、不卖来路不明的种子，乡亲赊账从不多收一分钱。' },
  { subject: 'person', name: '何志华', category: 'dedication', story: '村垃圾分类督导员，每天早晚两次到收集点指导分拣，东山村分类准确率全镇第一。' }
]

const LAST_YEAR_ENTRIES: EntrySpec[] = [
  { subject: 'person', name: '郑军', category: 'bravery', person: 'unit-zhifa', story: '夏夜巡查时发现南湖有人落水，他跳进湖里把人托上岸，又做心肺复苏直到救护车赶到。' },
  { subject: 'household', name: '张丽华家', category: 'helping', story: '全家连续五年结对帮扶北岭村两户困难家庭，送去孩子的学费和过冬的棉被。' },
  { subject: 'person', name: '黄秀英', category: 'dedication', person: 'grid-nanhu-1', story: '南湖村网格员，走遍片区三百多户；台风来临前挨家挨户把独居老人转移到安置点。' },
  { subject: 'household', name: '陈阿婆家', category: 'filial', person: 'resident-4', story: '陈阿婆九十二岁，儿孙四代轮流陪护、每天陪老人说话散步，孝老爱亲在村里传为佳话。' },
  { subject: 'person', name: '孙明', category: 'honesty', person: 'grid-xigang-1', story: '下班后在社区便利店帮忙，顾客多付的钱他追出两条街退还，街坊都叫他“孙实在”。' },
  { subject: 'person', name: '马玉兰', category: 'dedication', person: 'unit-huanwei', story: '环卫工人，凌晨四点上岗，十二年风雨无阻守护西岗街面整洁，从没请过一天事假。' }
]

function boardSpecs(now: Date): BoardSpec[] {
  const { year, month } = chinaMonthOf(now)
  const quarter = Math.ceil(month / 3)
  const lastMonth = month === 1 ? { year: year - 1, index: 12 } : { year, index: month - 1 }
  const lastQuarter = quarter === 1 ? { year: year - 1, index: 4 } : { year, index: quarter - 1 }
  // Published early in the following period, but never later than a few minutes before the seed.
  const before = (t: Date, minutes: number) => new Date(Math.min(t.getTime(), now.getTime() - minutes * MINUTE))
  return [
    {
      by: 'town-admin',
      villageId: null,
      title: '西岗镇年度善行义举四德榜',
      period: { kind: 'year', year: year - 1 },
      publishedAt: before(chinaTime(year, 1, 12, 10), 30),
      entries: LAST_YEAR_ENTRIES
    },
    {
      by: 'village-admin-dongshan',
      villageId: 'v_dongshan',
      title: '东山村季度善行义举四德榜',
      period: { kind: 'quarter', ...lastQuarter },
      publishedAt: before(chinaTime(year, (quarter - 1) * 3 + 1, 6, 9, 30), 20),
      entries: LAST_QUARTER_ENTRIES
    },
    {
      by: 'village-admin-dongshan',
      villageId: 'v_dongshan',
      title: '东山村善行义举四德榜',
      period: { kind: 'month', ...lastMonth },
      publishedAt: before(chinaTime(year, month, 3, 15), 10),
      entries: LAST_MONTH_ENTRIES
    }
  ]
}

async function seedBoard(cloud: HonourSeedCloud, spec: BoardSpec, photos: string[]): Promise<string> {
  const entries = spec.entries.map((e) => ({
    subject: e.subject,
    name: e.name,
    category: e.category,
    story: e.story,
    userId: e.person ? demoPerson(e.person).userId : null,
    photo: e.photo === undefined ? null : photos[e.photo]
  }))
  const saved = new Date(spec.publishedAt.getTime() - DAY)
  const draft = await act(cloud, spec.by, saved, 'honour.saveBoard', { villageId: spec.villageId, title: spec.title, period: spec.period, entries })
  await act(cloud, spec.by, spec.publishedAt, 'honour.publishBoard', { boardId: draft.id })
  return draft.id
}

/* ---------------------------------------------------------------- selections */

interface NominationSpec {
  by: string
  subject: HonourSubject
  name: string
  story: string
  person?: string
  photo?: number
  /** Hours before the seed. */
  hoursAgo: number
  review?: { hoursAgo: number; approve: true } | { hoursAgo: number; approve: false; reason: string }
  /** Votes: [voter, hours before the seed]. */
  votes?: Array<[string, number]>
}

const at = (now: Date, hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR)
const iso = (now: Date, hoursAgo: number) => at(now, hoursAgo).toISOString()

/** Votes 40 and 16 hours before the seed: a day apart, so 1 a day allows both; voters a quarter of an hour apart. */
const VOTE_HOURS = [40, 16]
const votesBy = (voters: string[], hours = VOTE_HOURS): Array<[string, number]> => hours.flatMap((h) => voters.map((who, i): [string, number] => [who, h - i * 0.25]))

const GOOD_DAUGHTER_IN_LAW: NominationSpec[] = [
  {
    by: 'resident-2',
    subject: 'person',
    name: '王秀兰',
    person: 'resident-1',
    story: '十年如一日照顾瘫痪在床的婆婆，端水喂饭、擦身洗衣从无怨言，还把两个孩子都培养成了大学生。',
    hoursAgo: 240,
    review: { hoursAgo: 80, approve: true },
    votes: votesBy(['resident-2', 'grid-dongshan-1', 'grid-dongshan-2'])
  },
  {
    by: 'grid-dongshan-1',
    subject: 'person',
    name: '何晓琴',
    photo: 3,
    story: '丈夫在外打工，她一个人照料年迈的公婆和两个孩子；公公住院一个多月，她天天守在病床前。',
    hoursAgo: 200,
    review: { hoursAgo: 79, approve: true },
    votes: votesBy(['volunteer-1', 'village-admin-dongshan'])
  },
  {
    by: 'volunteer-1',
    subject: 'person',
    name: '许兰芬',
    story: '婆婆患老年痴呆常常走失，她辞去镇上的工作在家陪护，每天带老人散步、说话、做手指操。',
    hoursAgo: 150,
    review: { hoursAgo: 78, approve: true },
    votes: votesBy(['resident-1'], [40])
  },
  {
    by: 'resident-1',
    subject: 'person',
    name: '钱丽',
    story: '嫁到邻村后仍常回娘家照顾生病的父母，逢年过节给村里老人送米送油。',
    hoursAgo: 120,
    review: { hoursAgo: 77, approve: false, reason: '被提名人户籍不在本村，不符合本次参评条件' }
  }
]

const BEST_VOLUNTEER: NominationSpec[] = [
  {
    by: 'resident-3',
    subject: 'person',
    name: '周小雨',
    person: 'volunteer-2',
    story: '参加文明交通志愿服务两百多小时，节假日总在西岗路口举着小旗劝导行人文明过马路。',
    hoursAgo: 60,
    review: { hoursAgo: 30, approve: true }
  },
  {
    by: 'resident-2',
    subject: 'person',
    name: '林志愿',
    person: 'volunteer-1',
    story: '东山村环境志愿队队长，两年来带着队员清理河道垃圾三十多次，还教老人们做垃圾分类。',
    hoursAgo: 8
  }
]

async function seedNominations(cloud: HonourSeedCloud, now: Date, selectionId: string, admin: string, specs: NominationSpec[], photos: string[]): Promise<void> {
  const votes: Array<{ candidateId: string; who: string; hoursAgo: number }> = []
  for (const n of specs) {
    const candidate = await act(cloud, n.by, at(now, n.hoursAgo), 'honour.nominate', {
      selectionId,
      subject: n.subject,
      name: n.name,
      story: n.story,
      userId: n.person ? demoPerson(n.person).userId : null,
      photo: n.photo === undefined ? null : photos[n.photo]
    })
    if (n.review) {
      const verdict = n.review.approve ? { approve: true } : { approve: false, reason: n.review.reason }
      await act(cloud, admin, at(now, n.review.hoursAgo), 'honour.reviewCandidate', { candidateId: candidate.id, ...verdict })
    }
    for (const [who, hoursAgo] of n.votes ?? []) votes.push({ candidateId: candidate.id, who, hoursAgo })
  }
  // Votes in time order, as they came in.
  votes.sort((a, b) => b.hoursAgo - a.hoursAgo)
  for (const vote of votes) await act(cloud, vote.who, at(now, vote.hoursAgo), 'honour.vote', { candidateId: vote.candidateId })
}

async function seedSelections(cloud: HonourSeedCloud, now: Date, photos: string[]): Promise<number> {
  const voting = await act(cloud, 'village-admin-dongshan', at(now, 12 * 24 + 2), 'honour.saveSelection', {
    villageId: 'v_dongshan',
    title: '东山村“好媳妇”评选',
    rules: '本村户籍、孝敬公婆、家庭和睦的媳妇均可参评，本人或村民均可提名。经村委会审核后由村民投票，每人每天 1 票，共 5 票；得票前 2 名经公示 5 天无异议后登上本村善行义举四德榜。',
    category: 'filial',
    nominateFrom: iso(now, 12 * 24),
    nominateTo: iso(now, 3 * 24),
    voteFrom: iso(now, 2 * 24),
    voteTo: iso(now, -5 * 24),
    votesPerDay: 1,
    votesTotal: 5,
    noticeDays: 5,
    winners: 2
  })
  await seedNominations(cloud, now, voting.id, 'village-admin-dongshan', GOOD_DAUGHTER_IN_LAW, photos)

  const nominating = await act(cloud, 'town-admin', at(now, 3 * 24 + 1), 'honour.saveSelection', {
    villageId: null,
    title: '西岗镇“最美志愿者”评选',
    rules: '全镇注册志愿者均可参评，个人自荐或他人提名均可，请写明志愿服务的经历。提名截止后由镇创建办审核，再由全镇居民投票，每人每天 3 票，共 10 票；得票前 5 名公示 5 天后发布到全镇光荣榜。',
    category: 'helping',
    nominateFrom: iso(now, 3 * 24),
    nominateTo: iso(now, -7 * 24),
    voteFrom: iso(now, -8 * 24),
    voteTo: iso(now, -15 * 24),
    votesPerDay: 3,
    votesTotal: 10,
    noticeDays: 5,
    winners: 5
  })
  await seedNominations(cloud, now, nominating.id, 'town-admin', BEST_VOLUNTEER, photos)
  return 2
}

/* ---------------------------------------------------------------- entry point */

const PHOTO_COLOURS: Array<[number, number, number]> = [
  [200, 120, 90],
  [180, 60, 50],
  [210, 170, 90],
  [190, 110, 130]
]

/**
 * Seeds the demo honour boards and selections once (skipped when any board or selection exists);
 * returns how many of each were written.
 */
export async function seedDemoHonour(cloud: HonourSeedCloud, now = new Date()): Promise<{ boards: number; selections: number }> {
  if (cloud.engine.count(C.honour_boards, {}) > 0 || cloud.engine.count(C.selections, {}) > 0) return { boards: 0, selections: 0 }
  const photos = await Promise.all(PHOTO_COLOURS.map((c, i) => cloud.uploadFile(`seed/honour/photo-${i + 1}.png`, demoPng(c))))
  const specs = boardSpecs(now)
  for (const spec of specs) await seedBoard(cloud, spec, photos)
  const selections = await seedSelections(cloud, now, photos)
  return { boards: specs.length, selections }
}
