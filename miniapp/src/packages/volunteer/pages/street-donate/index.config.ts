export default definePageConfig({ navigationBarTitleText: '捐给街道其他社区' });
