export default definePageConfig({ navigationBarTitleText: '街道通知' });
