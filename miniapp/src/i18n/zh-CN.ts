// The default dictionary: its keys are the set every other locale must translate.
export const zhCN = {
  'tab.home': '首页',
  'tab.bookings': '预约',
  'tab.me': '我的',
  'home.heading': '您好，欢迎就诊',
  'home.line': '在线预约挂号，就诊信息一目了然。',
  'home.bookingTitle': '门诊预约',
  'home.bookingLine': '选择科室和医生，在线完成挂号。',
  'home.book': '预约挂号',
  'bookings.heading': '我的预约',
  'bookings.line': '预约成功后，就诊时间和地点会显示在这里。',
  'bookings.empty': '暂无预约',
  'me.heading': '个人中心',
  'me.line': '管理就诊人和个人设置。',
  'me.language': '语言',
  'language.name': '简体中文',
};

export type MessageKey = keyof typeof zhCN;
