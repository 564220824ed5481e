// Taro's preset for the builds; jest uses its own inline babel options (see jest.config.js).
// The weapp build targets WeChat's JS engines (config/weappTargets.js) instead of package.json's
// browserslist (iOS 8, Android 4.1), which the H5 build keeps. ES5 output with class, async and spread helpers
// cost the weapp main package 15 KB (622.8 → 607.9 KB).
// async functions stay lowered to generators: on iOS 15 and below WeChat replaces the global Promise with a
// setTimeout-based polyfill, and native async/await would run on JavaScriptCore's own promise jobs instead.
// Lowered, every await goes through the global Promise as before (generators are native, no regenerator).
const weapp = process.env.TARO_ENV === 'weapp';
const weappTargets = { targets: require('./config/weappTargets'), include: ['transform-async-to-generator'] };
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', ...(weapp ? weappTargets : {}) }]],
};
