import type Taro from '@tarojs/taro'

const isH5 = process.env.TARO_ENV === 'h5'

const pages = [
  'pages/home/index',
  'pages/report/index',
  'pages/activities/index',
  'pages/honour/index',
  'pages/me/index',
  // Local-cloud sign-in: H5 only, so the weapp build never compiles it.
  ...(isH5 ? ['pages/dev-sign-in/index'] : [])
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
    backgroundColor: '#f5f6f7'
  },
  tabBar: {
    color: '#646a73',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/report/index', text: '随手拍' },
      { pagePath: 'pages/activities/index', text: '志愿' },
      { pagePath: 'pages/honour/index', text: '光荣榜' },
      { pagePath: 'pages/me/index', text: '我的' }
    ]
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
