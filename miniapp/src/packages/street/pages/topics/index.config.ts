export default definePageConfig({ navigationBarTitleText: '街道议事' });
