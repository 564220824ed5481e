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
    'pages/bind/index',
    'pages/invite/index',
    'pages/my-data/index',
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
      ],
    },
    {
      // 议事厅: the topic page (what share cards, QR posters and notifications open) and role tools.
      root: 'packages/agora',
      name: 'agora',
      pages: ['pages/topic/index', 'pages/receipt/index', 'pages/propose/index', 'pages/wizard/index', 'pages/poster/index', 'pages/paper/index', 'pages/manage/index'],
    },
  ],
  preloadRule: {
    // Staff open 工作台 from 我的; fetch the subpackage on Wi-Fi while they look at it.
    'pages/me/index': { network: 'wifi', packages: ['staff'] },
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
    selectedColor: '#07a35a',
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
});
