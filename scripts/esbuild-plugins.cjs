// esbuild plugins for serverless-esbuild (serverless.yml: custom.esbuild.plugins).
const { mkdirSync, renameSync, existsSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

/**
 * Source maps stay on the machine that packaged the release, out of the function zips: they were 80 % of every
 * zip (identity.zip 629 KB, of which the map 513 KB compressed), and nothing used them at run time (the bundles
 * carry no sourceMappingURL). After each bundle is written, its `.map` moves to `.serverless/sourcemaps/`, beside
 * the zips, under the bundle's own path; `npm run stacktrace` maps a CloudWatch stack trace back to the sources
 * with them (keep them with the release, or upload them where the team reads traces). The local stage (the
 * serverless-offline dev stack) keeps its maps where esbuild wrote them.
 */
const sourceMapsOutOfZip = (root) => ({
  name: 'linli-source-maps-out-of-zip',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length) return;
      const outdir = build.initialOptions.outdir;
      const buildRoot = outdir.slice(0, outdir.indexOf('/.build/') + '/.build'.length);
      for (const entry of build.initialOptions.entryPoints) {
        const bundle = join(
          outdir,
          `${entry
            .split('/')
            .pop()
            .replace(/\.[cm]?tsx?$/, '')}.js`,
        );
        const map = `${bundle}.map`;
        if (!existsSync(map)) continue;
        const target = join(root, '.serverless', 'sourcemaps', `${relative(buildRoot, bundle)}.map`);
        mkdirSync(dirname(target), { recursive: true });
        renameSync(map, target);
      }
    });
  },
});

module.exports = (serverless) =>
  serverless.service.provider.stage === 'local'
    ? []
    : [sourceMapsOutOfZip(serverless.config.serviceDir || serverless.config.servicePath)];
