export default definePageConfig({ navigationBarTitleText: '邀请社区工作人员' });
