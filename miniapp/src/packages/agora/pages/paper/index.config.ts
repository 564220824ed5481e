export default definePageConfig({ navigationBarTitleText: '代录纸质票' });
