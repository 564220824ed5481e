// How dependency-cruiser resolves the mini-program's aliases (miniapp/tsconfig.json "paths": `@/` for src,
// `@test/` for the test helpers; Taro's build config gives webpack the same `@`).
const path = require('node:path');

const miniapp = path.resolve(__dirname, '../../miniapp');

module.exports = { resolve: { alias: { '@': path.join(miniapp, 'src'), '@test': path.join(miniapp, 'test') } } };
