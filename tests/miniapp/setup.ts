// Environment the miniapp reads at build time (Taro inlines these), and React's act() support.
process.env.TARO_ENV = 'h5';
process.env.TARO_APP_H5_API_BASE = 'http://api.test';
process.env.TARO_APP_HOSPITAL_NAME = '测试医院';
process.env.TARO_APP_BRAND_COLOR = '#0f766e';
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
