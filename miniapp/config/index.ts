import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

// NutUI's CSS is written for a 375px design; ours (and Taro's default) for 750px.
// The local copy of NutUI's token file counts as NutUI's.
const NUTUI_CSS = /[\\/](@nutui[\\/]|src[\\/]styles[\\/]nutui-theme\.css$)/;

// The workspace root's node_modules holds React 19 (a peer of Prisma Studio), so npm keeps React 18 and the
// packages that peer-depend on it in miniapp/node_modules. Two consequences for webpack (Taro runs in miniapp/):
// - packages hoisted to the root (NutUI's icons, react-transition-group…) would bundle React 19 beside our
//   React 18 and break at run time: point every `react/*` import at our own copy;
// - packages hoisted to the root (@tarojs/taro-h5) cannot see miniapp/node_modules
//   (@tarojs/plugin-framework-react): search it after the usual lookup.
const ownModules = path.join(process.cwd(), 'node_modules');
const reactDir = path.dirname(require.resolve('react/package.json', { paths: [process.cwd()] }));
const reactDomDir = path.dirname(require.resolve('react-dom/package.json', { paths: [process.cwd()] }));
// @hospital/shared is TypeScript source: resolve it to src (never a stale dist), compile it like our own code,
// and mark it free of side effects so that only the helpers we import (formatYuan, labels…) reach the bundle,
// not every zod contract. `@hospital/shared/api` (the endpoint table and the API client) imports no zod at all.
const sharedSrc = path.resolve(process.cwd(), '../shared/src');
// biome-ignore lint/suspicious/noExplicitAny: webpack-chain's Config type is not a dependency of ours
function resolveSharedSource(chain: any) {
  chain.resolve.alias.set('@hospital/shared$', path.join(sharedSrc, 'index.ts'));
  chain.resolve.alias.set('@hospital/shared/api$', path.join(sharedSrc, 'api', 'index.ts'));
  chain.module.rule('shared-pure').test(/\.ts$/).include.add(sharedSrc).end().sideEffects(false);
}

/**
 * The weapp talks to an absolute API origin baked in at build time (`TARO_APP_API_BASE`), never a default: a
 * release build without one would ship a mini-program that calls nobody. WeChat accepts only https request
 * domains registered in the mini-program's admin console; plain http is allowed here only for a loopback or
 * private-network server, for WeChat DevTools with domain checks off (project.config.json `urlCheck: false`).
 */
function checkWeappApiBase(value: string | undefined): void {
  const hint =
    'Set TARO_APP_API_BASE to the API origin, e.g. TARO_APP_API_BASE=https://api.hospital.example npm run build:weapp ' +
    '(http://<LAN address>:3000 for WeChat DevTools against a local server).';
  if (!value) throw new Error(`weapp build: TARO_APP_API_BASE is not set. ${hint}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`weapp build: TARO_APP_API_BASE "${value}" is not an absolute URL. ${hint}`);
  }
  const local =
    /^(localhost|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+)$/.test(
      url.hostname,
    );
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new Error(
      `weapp build: TARO_APP_API_BASE must be https (WeChat refuses other request domains). ${hint}`,
    );
  }
}

export default defineConfig<'webpack5'>(async (merge) => {
  if (process.env.TARO_ENV === 'weapp') checkWeappApiBase(process.env.TARO_APP_API_BASE);
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'hospital-miniapp',
    designWidth: (input) => {
      const file = typeof input === 'object' && input !== null ? input.file : undefined;
      return file && NUTUI_CSS.test(file) ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // One folder per target, so a weapp build never clobbers the H5 one. TARO_OUTPUT_ROOT moves it (tests build
    // a weapp of their own without touching dist/).
    outputRoot: process.env.TARO_OUTPUT_ROOT || `dist/${process.env.TARO_ENV}`,
    // Without plugin-html NutUI's icons (rendered as HTML tags) silently vanish on weapp.
    plugins: ['@tarojs/plugin-html'],
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // Prebundling NutUI breaks babel-plugin-import's per-component paths and its CSS.
      prebundle: { exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
    },
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSrc] },
      // Components are shared across subpackages in differing orders; their CSS does not depend on order.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // On weapp Taro itself maps react-dom to @tarojs/react.
        chain.resolve.alias.set('react', reactDir);
        chain.resolve.modules.add('node_modules').add(ownModules);
        resolveSharedSource(chain);
      },
    },
    h5: {
      compile: { include: [sharedSrc] },
      // Served by the Koa server under /h5/; hash routing needs no server-side fallback.
      publicPath: '/h5/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Taro's H5 router only sets document.title from page configs; the tab pages have none.
      htmlPluginOption: { title: process.env.TARO_APP_HOSPITAL_NAME },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        chain.resolve.alias.set('react', reactDir).set('react-dom', reactDomDir);
        chain.resolve.modules.add('node_modules').add(ownModules);
        resolveSharedSource(chain);
      },
    },
  };

  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig);
});
