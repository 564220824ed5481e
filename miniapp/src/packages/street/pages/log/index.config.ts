export default definePageConfig({ navigationBarTitleText: '街道操作记录' });
