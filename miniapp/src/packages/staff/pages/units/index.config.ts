export default definePageConfig({ navigationBarTitleText: '房屋列表' });
