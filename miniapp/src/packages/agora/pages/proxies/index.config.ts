export default definePageConfig({ navigationBarTitleText: '书面委托核验' });
