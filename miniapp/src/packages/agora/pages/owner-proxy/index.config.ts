export default definePageConfig({ navigationBarTitleText: '书面委托投票' });
