import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

// The shared contracts are TypeScript source in a workspace package: both runners must compile it.
const sharedSource = path.resolve(__dirname, '../../shared/src');
const zodSource = path.dirname(require.resolve('zod/package.json'));

// Taro's weapp defaults switch off most of terser's compress passes (inlining, reduce_vars, collapse_vars…);
// these are terser's own defaults, which the H5 build already minifies the same code with. Two passes and
// ES2017 output (config/weappTargets.js) on top; together 8 KB off the weapp main package.
const weappTerser = {
  ecma: 2017,
  compress: {
    ecma: 2017,
    passes: 2,
    arrows: true,
    collapse_vars: true,
    comparisons: true,
    computed_props: true,
    hoist_props: true,
    inline: true,
    loops: true,
    negate_iife: true,
    properties: true,
    reduce_funcs: true,
    reduce_vars: true,
    switches: true,
    typeofs: true,
  },
  output: { ecma: 2017, ascii_only: false },
};

const apiPort = process.env.LINLI_API_PORT ?? '3000';
const wechatPort = process.env.LINLI_WECHAT_PORT ?? '4600';
const h5Port = Number(process.env.LINLI_H5_PORT ?? 10086);

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'linli',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    alias: { '@': path.resolve(__dirname, '../src') },
    // Chinese text as UTF-8 (3 bytes a character) rather than \uXXXX escapes (6): the messages and labels
    // residents read are a large part of the main package. WeChat reads its JS as UTF-8.
    terser: {
      enable: true,
      config: process.env.TARO_ENV === 'weapp' ? weappTerser : { output: { ascii_only: false } },
    },
    mini: {
      // zod ships ES2020 (?. and ??), which iOS 12's JavaScriptCore cannot parse: babel lowers it to
      // config/weappTargets.js like our own code (WeChat's devtools no longer transpile, project.config.json).
      compile: { include: [sharedSource, zodSource] },
      // Modules only subpackages use (the QR code; charts except the 诉求 tab's tiles) stay out of the main package:
      // about 69 KB measured (main 647.3 KB with it off).
      optimizeMainPackage: { enable: true },
      // LINLI_ANALYZE=1 names modules by path in the output (a few KB larger), so what each chunk of the main package
      // holds can be read off common.js: see scripts/weapp-size.mjs.
      webpackChain(chain) {
        if (process.env.LINLI_ANALYZE) chain.optimization.set('moduleIds', 'named');
      },
      // Component styles are class-scoped (BEM), so their order across chunks does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        // Prefixes for WeChat's WebViews (config/weappTargets.js), not package.json's iOS 8 and IE 10.
        autoprefixer: { enable: true, config: { overrideBrowserslist: require('./weappTargets') } },
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSource] },
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: { autoprefixer: { enable: true }, cssModules: { enable: false } },
      // The print pages' web font (Noto Sans SC, ~100 unicode-range subsets): emitted under static/fonts/ and never
      // inlined, so a page's stylesheet stays a list of faces and the browser fetches only the subsets it shows
      // (by default Taro inlines fonts under 10 KB as base64 and names the files by their path, which for a
      // package outside src/ lands outside the build).
      fontUrlLoaderOption: { limit: true, name: 'static/fonts/[name].[contenthash:8][ext]' },
      devServer: {
        port: h5Port,
        host: '127.0.0.1',
        proxy: [
          {
            context: ['/api'],
            target: `http://127.0.0.1:${apiPort}`,
            pathRewrite: { '^/api': '' },
            changeOrigin: true,
          },
          {
            context: ['/wechat-dev'],
            target: `http://127.0.0.1:${wechatPort}`,
            pathRewrite: { '^/wechat-dev': '' },
            changeOrigin: true,
          },
        ],
      },
    },
  };
  return config;
});
