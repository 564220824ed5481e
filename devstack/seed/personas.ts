/**
 * The demo accounts, one per role (README "Demo accounts"). In the H5 app's demo mode, the persona
 * picker asks the WeChat stand-in for a login code for the chosen openid, then signs in through the
 * same POST /auth/wechat a real wx.login code takes.
 */
export interface Persona {
  key: string;
  userId: string;
  openid: string;
  nickname: string;
  realName: string;
  label: string;
  roles: string;
}

export const DEMO_COMMUNITY_ID = 'xingfuli';
export const OTHER_COMMUNITY_ID = 'xiyuan';
/** 东街街道, the demo communities' street, and its county (福州市鼓楼区). */
export const DEMO_STREET_ID = 'dongjie';
export const DEMO_REGION_CODE = '350102';
/** The seeded 民生微实事 rounds' titles (seed/budget.ts): the committee journey finds the one in 实施 by it. */
export const SEEDED_BUDGET_ROUNDS = {
  implementing: '2026年上半年民生微实事',
  voting: '2026年下半年民生微实事',
} as const;

/** 茶亭街道 (福州市台江区) and its 南湖社区: a second street, so every street route is tested against another street's office. */
export const SECOND_STREET_ID = 'chating';
export const SECOND_COMMUNITY_ID = 'nanhu';
export const SECOND_REGION_CODE = '350103';

export const PERSONAS = {
  wang: { nickname: '王阿姨', realName: '王秀兰', label: '王阿姨 · 居民（业主，大字模式）', roles: '居民' },
  li: { nickname: '小李', realName: '李明', label: '小李 · 居民（租户）· 志愿者', roles: '居民、志愿者' },
  chen: { nickname: '陈晨', realName: '陈晨', label: '陈晨 · 新用户（未绑定房屋）', roles: '无' },
  lin: { nickname: '林晓', realName: '林晓', label: '林晓 · 新用户（未绑定房屋）', roles: '无' },
  zhang: { nickname: '张楼长', realName: '张建国', label: '张楼长 · 3栋楼长', roles: '居民、楼长' },
  liu: { nickname: '刘网格员', realName: '刘芳', label: '刘网格员 · 第一网格', roles: '网格员' },
  zhao: { nickname: '赵网格员', realName: '赵磊', label: '赵网格员 · 第二网格', roles: '网格员' },
  sun: { nickname: '孙主任', realName: '孙丽', label: '孙主任 · 居委会', roles: '居委会' },
  zhou: { nickname: '周科长', realName: '周强', label: '周科长 · 东街街道', roles: '街道' },
  admin: { nickname: '系统管理员', realName: '管理员', label: '系统管理员', roles: '管理员' },
  wu: { nickname: '吴主任', realName: '吴涛', label: '吴主任 · 西园社区居委会（另一社区）', roles: '居委会（西园）' },
  qian: { nickname: '钱科长', realName: '钱进', label: '钱科长 · 茶亭街道（另一街道）', roles: '街道（茶亭）' },
} as const;

export type PersonaKey = keyof typeof PERSONAS;

export const personas: Persona[] = (Object.keys(PERSONAS) as PersonaKey[]).map((key) => ({
  key,
  userId: `demo_${key}`,
  openid: `demo-openid-${key}`,
  ...PERSONAS[key],
}));

export const persona = (key: PersonaKey): Persona => personas.find((p) => p.key === key) as Persona;
