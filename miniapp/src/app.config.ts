const tab = (pagePath: string, text: string, icon: string) => ({
  pagePath,
  text,
  iconPath: `assets/tabbar/${icon}.png`,
  selectedIconPath: `assets/tabbar/${icon}-active.png`,
});

export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/grievances/index',
    'pages/volunteer/index',
    'pages/agora/index',
    'pages/me/index',
    'pages/signin/index',
    'pages/privacy/index',
  ],
  subPackages: [
    {
      // Role tools (网格员、居委会): loaded only when someone opens 工作台.
      root: 'packages/staff',
      name: 'staff',
      pages: [
        'pages/workbench/index',
        'pages/overview/index',
        'pages/units/index',
        'pages/bindings/index',
        'pages/invitations/index',
        'pages/import/index',
        'pages/export/index',
        'pages/team/index',
        'pages/log/index',
        'pages/reach/index',
      ],
    },
    {
      // 社区公开信息: what anyone sees before signing in or binding a home (WeChat's reviewers too).
      root: 'packages/public',
      name: 'public',
      pages: ['pages/community/index'],
    },
    {
      // 街道: accepting a staff code (or the 初始化代码), a street's communities and their staff codes.
      root: 'packages/street',
      name: 'street',
      pages: [
        'pages/hub/index',
        'pages/street/index',
        'pages/invite/index',
        'pages/accept/index',
        'pages/console/index',
        'pages/notices/index',
        'pages/log/index',
        'pages/topics/index',
        'pages/topic/index',
        'pages/grids/index',
      ],
    },
    {
      // 账号: binding a unit (绑定房屋), accepting an invitation, 我的数据 and where the account is signed in (登录设备) —
      // each opened once or now and then, never a tab, so their code (the unit picker, the subscribe prompt and the
      // notification catalogue it needs, the QR scanner) stays out of the main package.
      root: 'packages/account',
      name: 'account',
      pages: ['pages/bind/index', 'pages/invite/index', 'pages/my-data/index', 'pages/sessions/index'],
    },
    {
      // 亲情代办: acting for a resident without a smartphone, and 代办记录 (hers, and the committee's).
      root: 'packages/proxy',
      name: 'proxy',
      pages: ['pages/start/index', 'pages/acting/index', 'pages/records/index'],
    },
    {
      // 消息通知: the inbox and settings, and the committee's notice composer and failure list.
      root: 'packages/notices',
      name: 'notices',
      pages: [
        'pages/inbox/index',
        'pages/notice/index',
        'pages/settings/index',
        'pages/broadcast/index',
        'pages/failed/index',
      ],
    },
    {
      // 诉求: the form, the case page and the handlers' and committee's tools.
      root: 'packages/grievances',
      name: 'grievances',
      pages: [
        'pages/submit/index',
        'pages/detail/index',
        'pages/queue/index',
        'pages/reviews/index',
        'pages/dashboard/index',
        'pages/settings/index',
        'pages/evaluation/index',
      ],
    },
    {
      // 志愿 + 时间银行: activity detail, wallet, mall, and the organiser's and committee's tools.
      root: 'packages/volunteer',
      name: 'volunteer',
      pages: [
        'pages/activity/index',
        'pages/mine/index',
        'pages/wallet/index',
        'pages/street-donate/index',
        'pages/mall/index',
        'pages/orders/index',
        'pages/honours/index',
        'pages/teams/index',
        'pages/organise/index',
        'pages/activity-form/index',
        'pages/roster/index',
        'pages/attendance-code/index',
        'pages/pickup/index',
        'pages/ledger/index',
        'pages/catalogue/index',
        'pages/street-settings/index',
      ],
    },
    {
      // 民生微实事 (居委会): open a round, screen proposals, 提前结束, answer objections, 一诺 and monthly progress.
      root: 'packages/budgetAdmin',
      name: 'budgetAdmin',
      pages: ['pages/rounds/index', 'pages/open/index', 'pages/round/index', 'pages/project/index'],
    },
    {
      // 业主名册: the committee's 不动产登记 import and the owner's census check (FEATURES-agora.md).
      root: 'packages/owners',
      name: 'owners',
      pages: ['pages/import/index', 'pages/census/index'],
    },
    {
      // 内容审核 (居委会): the queue of reported and held content and the moderation log.
      root: 'packages/moderation',
      name: 'moderation',
      pages: ['pages/queue/index'],
    },
    {
      // 议事厅: the topic page (what share cards, QR posters and notifications open) and role tools.
      root: 'packages/agora',
      name: 'agora',
      pages: [
        'pages/topic/index',
        'pages/receipt/index',
        'pages/propose/index',
        'pages/wizard/index',
        'pages/poster/index',
        'pages/paper/index',
        'pages/manage/index',
        // 打印表决票 and 结果公示 (H5 console; they alone load the CJK web font).
        'pages/sheets/index',
        'pages/bulletin/index',
        // 书面委托 (业主表决): the owner's nomination, the proxy's votes, the committee's list.
        'pages/owner-proxy/index',
        'pages/proxy-votes/index',
        'pages/proxies/index',
      ],
    },
    {
      // 民生微实事: rounds, a round by phase (点单, the ballot, 公示, 实施, 验收), a project, the public 台账.
      root: 'packages/budget',
      name: 'budget',
      pages: [
        'pages/rounds/index',
        'pages/round/index',
        'pages/propose/index',
        'pages/project/index',
        'pages/ledger/index',
      ],
    },
  ],
  preloadRule: {
    // Staff open 工作台 and everyone opens 消息通知 from 我的; fetch both on Wi-Fi while they look at it.
    'pages/me/index': { network: 'wifi', packages: ['staff', 'notices'] },
    // A resident's first visit goes on to 绑定房屋 (or an invitation), which live in the account subpackage.
    'pages/home/index': { network: 'all', packages: ['account'] },
    // Raising or opening a request starts from the 诉求 tab.
    'pages/grievances/index': { network: 'all', packages: ['grievances'] },
    // Most taps on 志愿 open an activity or the wallet: fetch the subpackage while the list shows.
    'pages/volunteer/index': { network: 'all', packages: ['volunteer'] },
    // Nearly every visit to 议事 goes on to a topic: fetch its subpackage on any network.
    'pages/agora/index': { network: 'all', packages: ['agora'] },
  },
  window: {
    navigationBarTitleText: '邻里',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#6b7280',
    selectedColor: '#067a3f',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      tab('pages/home/index', '首页', 'home'),
      tab('pages/grievances/index', '诉求', 'grievances'),
      tab('pages/volunteer/index', '志愿', 'volunteer'),
      tab('pages/agora/index', '议事', 'agora'),
      tab('pages/me/index', '我的', 'me'),
    ],
  },
  // Required for wx.onNeedPrivacyAuthorization and <button open-type="agreePrivacyAuthorization">.
  __usePrivacyCheck__: true,
  // H5 only: no slide between pages. Taro's router hides the page under a new one on a timer (animation
  // delay + duration); going back before it fires shows that page and then the timer hides it, leaving a
  // blank screen (NervJS/taro#6944, seen by the journeys after a quick 返回). Without the animation the
  // page is hidden at once, and 返回 shows it for good. The weapp has its own, native transitions.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
});
