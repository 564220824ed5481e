export default definePageConfig({ navigationBarTitleText: '志愿光荣榜' });
