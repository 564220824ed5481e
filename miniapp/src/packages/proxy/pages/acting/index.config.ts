export default definePageConfig({ navigationBarTitleText: '正在代办' });
