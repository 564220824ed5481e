// Taro's preset for the builds; jest uses its own inline babel options (see jest.config.js).
module.exports = { presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]] };
