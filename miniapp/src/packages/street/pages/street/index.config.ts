export default definePageConfig({ navigationBarTitleText: '街道管理' });
