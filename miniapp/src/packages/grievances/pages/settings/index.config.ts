export default definePageConfig({ navigationBarTitleText: '诉求配置' });
