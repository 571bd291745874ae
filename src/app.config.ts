import type Taro from '@tarojs/taro'

const isH5 = process.env.TARO_ENV === 'h5'

const pages = [
  'pages/home/index',
  'pages/report/index',
  'pages/activities/index',
  'pages/honour/index',
  'pages/me/index',
  // 404: an unknown route (Taro.onPageNotFound, src/services/not-found.ts) lands here.
  'pages/not-found/index',
  // Local-cloud sign-in: H5 only, so the weapp build never compiles it.
  ...(isH5 ? ['pages/dev-sign-in/index'] : [])
]

// The tab bar (also drawn by src/custom-tab-bar); icons by scripts/tabbar-icons.ts.
const TABS = [
  { pagePath: 'pages/home/index', text: '首页', icon: 'home' },
  { pagePath: 'pages/report/index', text: '随手拍', icon: 'report' },
  { pagePath: 'pages/activities/index', text: '志愿', icon: 'activities' },
  { pagePath: 'pages/honour/index', text: '光荣榜', icon: 'honour' },
  { pagePath: 'pages/me/index', text: '我的', icon: 'me' }
]

// AppConfig's typings lack `cloud`; a typed variable (not an object literal passed
// straight in, which tsc checks for excess keys) keeps tsc happy and app.json gets "cloud": true.
type AppConfigWithCloud = Taro.AppConfig & { cloud?: boolean }

const config: AppConfigWithCloud = {
  pages,
  subPackages: [
    {
      root: 'packages/admin',
      name: 'admin',
      pages: ['pages/users/index', 'pages/org/index', 'pages/safeguards/index']
    },
    {
      // The problem loop outside the 随手拍 tab: a resident's report detail and every staff page.
      root: 'packages/reports',
      name: 'reports',
      pages: ['pages/detail/index', 'pages/queue/index', 'pages/handle/index', 'pages/inspect/index', 'pages/ledger/index', 'pages/letter/index', 'pages/calendar/index', 'pages/categories/index']
    },
    {
      // Volunteers beyond the 志愿 tab: registration, activity detail and check-in, hours and the
      // certificate (canvas), and the organisers' pages (form, QR code, roster, hours review, teams).
      root: 'packages/volunteers',
      name: 'volunteers',
      pages: [
        'pages/register/index',
        'pages/detail/index',
        'pages/my-hours/index',
        'pages/certificate/index',
        'pages/manage/index',
        'pages/edit/index',
        'pages/checkin-code/index',
        'pages/roster/index',
        'pages/hours-review/index',
        'pages/teams/index',
        'pages/settings/index'
      ]
    },
    {
      // 光荣榜 beyond the tab: a board's entries by 四德 and its poster (canvas).
      root: 'packages/honour',
      name: 'honour',
      pages: ['pages/board/index', 'pages/manage/index', 'pages/edit/index', 'pages/selections/index', 'pages/selection/index', 'pages/selection-edit/index']
    },
    {
      // 我的善行: the record and points, 申报善行 (photos), 积分超市 and pickup codes.
      root: 'packages/deeds',
      name: 'deeds',
      pages: ['pages/index/index', 'pages/declare/index', 'pages/shop/index', 'pages/review/index', 'pages/goods/index', 'pages/rules/index', 'pages/households/index', 'pages/correct/index']
    },
    {
      // 督导巡查: 我的巡查 (今日), doing a patrol (offline draft, photos), and the month's roster (排班);
      // 民情日记: a village's visits with its coverage (户户到), recording a visit, one visit.
      root: 'packages/supervision',
      name: 'supervision',
      pages: [
        'pages/mine/index',
        'pages/patrol/index',
        'pages/roster/index',
        'pages/visits/index',
        'pages/visit-form/index',
        'pages/visit/index',
        'pages/cleaning/index',
        'pages/zone-edit/index',
        'pages/inspect/index',
        'pages/cleaners/index',
        'pages/cleaner-sheet/index',
        'pages/findings/index',
        'pages/cleaning-rules/index',
        'pages/rectify-notices/index',
        'pages/infos/index',
        'pages/info/index',
        'pages/info-form/index',
        'pages/info-half/index'
      ]
    },
    {
      // 数据看板: cards, the weekly trend and category charts (own canvas module), village and unit tables, overdue list.
      root: 'packages/dashboard',
      name: 'dashboard',
      pages: ['pages/index/index']
    },
    {
      // 周通报、月通报: drafts, 申诉, publishing with the shareable image (canvas) and the printable page,
      // 评分办法, 工作提示函, and residents' 红黑榜 · 流动红旗.
      root: 'packages/bulletins',
      name: 'bulletins',
      pages: ['pages/list/index', 'pages/detail/index', 'pages/print/index', 'pages/scheme/index', 'pages/letters/index', 'pages/board/index']
    }
  ],
  preloadRule: {
    'pages/me/index': { network: 'all', packages: ['admin', 'reports', 'volunteers', 'deeds'] },
    'pages/report/index': { network: 'all', packages: ['reports'] },
    'pages/activities/index': { network: 'all', packages: ['volunteers'] },
    'pages/honour/index': { network: 'all', packages: ['honour'] }
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '文明创建',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f7',
    // weapp's default anyway; in H5 it turns on Taro's navigation bar (title, 返回 or 首页).
    navigationStyle: 'default'
  },
  tabBar: {
    color: '#646a73',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    // weapp draws src/custom-tab-bar (it follows 长辈模式); H5 keeps Taro's tab bar, styled in app.scss.
    custom: !isH5,
    list: TABS.map(({ pagePath, text, icon }) => ({ pagePath, text, iconPath: `assets/tabbar/${icon}.png`, selectedIconPath: `assets/tabbar/${icon}-active.png` }))
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于随手拍时标出问题发生的位置，以及志愿活动签到时确认您在活动现场' }
  },
  lazyCodeLoading: 'requiredComponents',
  __usePrivacyCheck__: true,
  cloud: true
}

export default defineAppConfig(config)
