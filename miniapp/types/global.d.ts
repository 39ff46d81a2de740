/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'h5';
    /** Absolute API origin for the mini-program (weapp cannot use relative URLs). */
    TARO_APP_API_BASE: string;
    /** API origin for H5; empty means "same origin" (the Koa server serves H5 under /h5/). */
    TARO_APP_H5_API_BASE: string;
    TARO_APP_HOSPITAL_NAME: string;
    TARO_APP_BRAND_COLOR: string;
  }
}
