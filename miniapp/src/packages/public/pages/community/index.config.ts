export default definePageConfig({ navigationBarTitleText: '邻里 · 社区公开信息' });
