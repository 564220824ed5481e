export default definePageConfig({ navigationBarTitleText: '管理议题' });
