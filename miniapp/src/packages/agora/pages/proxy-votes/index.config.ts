export default definePageConfig({ navigationBarTitleText: '我受托的表决' });
