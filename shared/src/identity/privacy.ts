/**
 * The privacy guideline (隐私保护指引) residents accept before anything else. Bump the version when
 * the text changes materially: everyone is asked again.
 */
export const PRIVACY_GUIDELINE = {
  version: '2026-11-01',
  title: '邻里隐私保护指引',
  summary: [
    '我们只收集办理社区事务所需的最少信息：微信标识、昵称头像（可选）、房屋绑定信息、您提交的诉求与照片、志愿服务与积分记录、投票参与记录。',
    '手机号对其他居民始终打码显示，仅经授权的居委会工作人员在办理需要时可查看完整号码，查看会被记录。',
    '不记名投票中，“是否已投票”与“投了什么”分开保存，任何接口和导出都不会把二者关联。',
    '您可以随时在“我的”中导出全部个人数据，或注销账号；注销后个人信息删除，投票与积分流水以匿名方式保留，以保证统计结果真实。',
  ],
} as const;
