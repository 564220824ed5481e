export default definePageConfig({ navigationBarTitleText: '兑换目录与库存' });
