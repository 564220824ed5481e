/**
 * The engines the weapp build targets (browserslist queries): babel.config.js lowers JS to them and
 * config/index.ts has autoprefixer write only the CSS prefixes they need.
 *
 * WeChat runs a mini-program's logic layer in the system JavaScriptCore on iOS and in its own V8 on
 * Android, and no longer transpiles for us: project.config.json turns the devtools' "compile JS to ES5"
 * (es6/enhance) off, so what we emit is what phones run. WeChat's own compatibility table
 * (github.com/wechat-miniprogram/miniprogram-compat, data/browserslist.json) maps base library 2.21.0+
 * to iOS 12 and Chrome 66, and current WeChat clients require iOS 12 / Android 5 anyway. Both engines
 * run ES2017 natively (classes, arrows, async/await); babel lowers what they
 * lack (?. and ??, class fields). Pages render in the system WKWebView on iOS and, on Android, in
 * WeChat's XWeb (a Chrome 67 kernel by WeChat's docs; the older X5 was Chrome 57), so the same queries
 * hold for CSS: unprefixed flexbox, transforms and animations, no -ms- or old -webkit- flexbox.
 * The same table lists Safari 10 for base library 2.21–2.29 (the Mac client), which lacks object spread:
 * it is a target too, and lowering spread measured no larger (main 578.5 → 577.6 KB).
 * The H5 build keeps package.json's browserslist.
 */
module.exports = ['ios >= 12', 'chrome >= 66', 'safari >= 10'];
