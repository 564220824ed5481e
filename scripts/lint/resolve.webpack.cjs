// How dependency-cruiser resolves the mini-program's `@/` alias (the same alias miniapp/config/index.ts gives Taro).
const path = require('node:path');

module.exports = { resolve: { alias: { '@': path.resolve(__dirname, '../../miniapp/src') } } };
