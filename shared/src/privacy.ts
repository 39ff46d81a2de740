// The privacy notice (隐私政策) the patient consents to, in one place: the mini-program shows it (the consent sheet
// and the policy page), the server records consent to its version, and the README's list of what the weapp
// declares in WeChat's 用户隐私保护指引 follows its first section. No runtime import: the mini-program loads it.
// docs/decisions/020-privacy-consent.md

/**
 * The notice's version: the day it takes effect, with `.N` for a second version on one day. Change it whenever
 * what is collected, why, who receives it or how long it is kept changes: every patient is then asked again
 * before any further ID number or phone number is collected. `2026-12-01.2` added the mobile number of H5's SMS
 * sign-in to what is collected.
 */
export const PRIVACY_POLICY_VERSION = '2026-12-01.2';

/** One sentence or paragraph in both locales. */
export interface PrivacyText {
  zh: string;
  en: string;
}

export interface PrivacySection {
  /** Stable anchor (`collected`, `sensitive`…) for links from the consent sheet. */
  id: string;
  title: PrivacyText;
  /** Paragraphs or list items, in order. */
  items: readonly PrivacyText[];
}

export const PRIVACY_POLICY_TITLE: PrivacyText = {
  zh: '隐私政策',
  en: 'Privacy policy',
};

/** The full notice (PIPL arts. 17, 30: who, what, why, how long, who receives it, the patient's rights). */
export const PRIVACY_POLICY_SECTIONS: readonly PrivacySection[] = [
  {
    id: 'collected',
    title: { zh: '一、我们收集哪些信息', en: '1. What we collect' },
    items: [
      {
        zh: '微信账号标识（openid）：您进入小程序时通过微信登录（wx.login）获得，用于识别您的账号。我们不获取您的微信昵称、头像或通讯录。',
        en: 'Your WeChat account identifier (openid), obtained through WeChat sign-in (wx.login) to recognise your account. We do not read your WeChat nickname, avatar or contacts.',
      },
      {
        zh: '登录手机号码：在网页版（H5）以手机号码和短信验证码登录时，您填写的手机号码用于识别您的账号和发送验证码。我们只保存它的加密摘要和部分遮盖后的号码，不保存验证码本身。',
        en: 'Your sign-in mobile number: when you sign in to the web version (H5) with your mobile number and an SMS code, the number recognises your account and receives the code. We keep only an encrypted digest of it and a partly masked copy, never the code itself.',
      },
      {
        zh: '就诊人信息：姓名、证件类型和证件号码、出生日期、性别、手机号码、与您的关系。实名就医要求以证件登记就诊人。',
        en: 'Patient profiles: name, ID document type and number, birth date, sex, mobile number and relationship to you. Hospitals register patients under a real-name ID document.',
      },
      {
        zh: '预约与候补记录：科室、医生或检查项目、就诊时间、状态及其变化。',
        en: 'Bookings and waitlist entries: department, doctor or exam, visit time, status and its changes.',
      },
      {
        zh: '支付与退款记录：订单号、金额、支付和退款的时间与状态。我们不获取您的银行卡或微信支付密码。',
        en: 'Payments and refunds: order numbers, amounts, and when and how they were paid or refunded. We never see your bank card or WeChat Pay password.',
      },
    ],
  },
  {
    id: 'purposes',
    title: { zh: '二、我们为什么使用这些信息', en: '2. Why we use it' },
    items: [
      {
        zh: '为您和您的家人实名预约挂号和检查、核对就诊人身份、判断科室的年龄和性别接诊范围。',
        en: 'To book visits and exams under your and your family’s real names, confirm who the patient is, and check a department’s age and sex restrictions.',
      },
      {
        zh: '收取挂号费和检查费、办理退款，并按财务制度保存账目。',
        en: 'To take registration and exam fees, make refunds, and keep the accounts as the financial rules require.',
      },
      {
        zh: '在您同意后，通过微信订阅消息或短信提醒就诊、通知停诊和候补结果。',
        en: 'With your agreement, to remind you of visits and tell you of cancelled clinics and waitlist offers by WeChat subscription messages or SMS.',
      },
    ],
  },
  {
    id: 'sensitive',
    title: { zh: '三、敏感个人信息', en: '3. Sensitive personal information' },
    items: [
      {
        zh: '证件号码和就诊信息（预约的科室、检查项目及就诊记录）属于《个人信息保护法》第二十八条规定的敏感个人信息。我们仅为实名就医和预约所必需而处理，并在您添加第一位就诊人之前单独征得您的同意（第二十九条）。',
        en: 'ID numbers and medical information (the departments and exams you book, your visit records) are sensitive personal information under article 28 of the Personal Information Protection Law. We process them only as real-name care and booking require, and ask your separate consent before you add your first patient profile (article 29).',
      },
      {
        zh: '证件号码和手机号码加密保存；小程序、医院工作人员的页面和您导出的文件中只显示部分遮盖后的号码。',
        en: 'ID and mobile numbers are stored encrypted; the app, the hospital staff’s screens and your export show them only masked.',
      },
      {
        zh: '为未满十四周岁的儿童添加就诊人时，请您以监护人身份同意本政策。',
        en: 'When you add a child under 14 as a patient, you consent to this policy as their guardian.',
      },
    ],
  },
  {
    id: 'recipients',
    title: { zh: '四、谁会收到这些信息', en: '4. Who receives it' },
    items: [
      {
        zh: '微信支付（财付通支付科技有限公司）：为完成支付和退款，接收订单号、金额和商品描述。',
        en: 'WeChat Pay (Tenpay Payment Technology Co., Ltd.): the order number, amount and item, to take payments and make refunds.',
      },
      {
        zh: '短信服务商：为发送验证码和就诊通知，接收您的手机号码和短信内容。',
        en: 'Our SMS provider: your mobile number and the message, to send sign-in codes and visit notices.',
      },
      {
        zh: '除法律法规要求（如卫生健康、公安、司法机关依法调取）外，我们不向其他任何人提供、出售您的个人信息。',
        en: 'Beyond what the law requires (health, police or judicial authorities acting under the law), we give or sell your personal information to no one else.',
      },
    ],
  },
  {
    id: 'retention',
    title: { zh: '五、保存期限', en: '5. How long we keep it' },
    items: [
      {
        zh: '您的账号和就诊人信息保存至您注销账号为止。',
        en: 'Your account and patient profiles are kept until you delete your account.',
      },
      {
        zh: '预约和就诊记录是门诊病历的一部分，按《医疗机构病历管理规定》保存不少于十五年；支付和退款记录是会计凭证，按《会计档案管理办法》保存三十年。注销账号后，这些记录仍按上述期限保存，但其中的姓名、证件号码和手机号码会被清除，不再能与您本人对应。',
        en: 'Bookings and visits are part of the outpatient record, which the Medical Record Management Rules for Medical Institutions require us to keep for at least 15 years; payments and refunds are accounting records, kept for 30 years under the Accounting Archives Management Measures. After you delete your account these records stay for those periods, but the name, ID number and mobile number in them are erased, so they no longer point to you.',
      },
    ],
  },
  {
    id: 'rights',
    title: { zh: '六、您的权利', en: '6. Your rights' },
    items: [
      {
        zh: '在“我的 → 我的数据”中，您可以随时查看我们保存的关于您的全部信息，并导出一份副本。',
        en: 'Under “Me → My data” you can see everything we hold about you at any time, and export a copy.',
      },
      {
        zh: '您可以修改就诊人的姓名、手机号码，删除不再需要的就诊人。',
        en: 'You can change a profile’s name and mobile number, and remove profiles you no longer need.',
      },
      {
        zh: '您可以注销账号：我们结束您的所有登录，清除就诊人的姓名、证件号码和手机号码，并解除与您微信账号的关联；法律要求保存的预约和账单记录按第五条保存。有未完成的预约、候补或正在处理的支付和退款时，请先取消或等待其完成。注销即撤回您对本政策的同意。',
        en: 'You can delete your account: we end all your sign-ins, erase the names, ID numbers and mobile numbers of your profiles and unlink your WeChat account; the bookings and bills the law requires us to keep stay as section 5 says. While a booking, a waitlist entry, a payment or a refund is still open, cancel it or wait for it to finish first. Deleting the account withdraws your consent to this policy.',
      },
    ],
  },
  {
    id: 'contact',
    title: { zh: '七、联系我们', en: '7. Contact us' },
    items: [
      {
        zh: '对本政策或您的个人信息有任何疑问、投诉或请求，请拨打医院服务电话或到门诊服务中心办理，我们将在十五个工作日内答复。',
        en: 'For any question, complaint or request about this policy or your personal information, call the hospital’s service line or visit the outpatient service centre; we answer within 15 working days.',
      },
      {
        zh: '本政策更新时，我们会在您下一次提交个人信息前请您重新阅读并同意。',
        en: 'When this policy changes, we ask you to read and agree to it again before you next give us personal information.',
      },
    ],
  },
];

/** What the consent sheet shows above the tick box: the notice in brief, with a link to the full text. */
export const PRIVACY_CONSENT_SUMMARY: readonly PrivacyText[] = [
  {
    zh: '添加就诊人需要提供姓名、证件号码、出生日期、性别和手机号码，用于实名预约挂号、缴费和就诊通知。',
    en: 'Adding a patient needs their name, ID number, birth date, sex and mobile number, for real-name booking, payment and visit notices.',
  },
  {
    zh: '证件号码和就诊信息属于敏感个人信息，加密保存，仅用于就医所必需的用途；支付信息提供给微信支付，手机号码提供给短信服务商。',
    en: 'ID numbers and medical information are sensitive personal information: stored encrypted and used only as your care requires. Payments go through WeChat Pay; your mobile number goes to our SMS provider.',
  },
  {
    zh: '您可以随时在“我的数据”中查看、导出信息或注销账号；法律要求保存的预约和账单记录在注销后保留，但不再与您本人关联。',
    en: 'You can view and export your data or delete your account at any time under “My data”; the bookings and bills the law requires us to keep stay after deletion, detached from you.',
  },
];

/** The tick box's sentence: consent to the notice and, separately, to the sensitive information (PIPL art. 29). */
export const PRIVACY_CONSENT_STATEMENT: PrivacyText = {
  zh: '我已阅读并同意《隐私政策》，并单独同意医院处理就诊人的证件号码和就诊信息等敏感个人信息。',
  en: 'I have read and agree to the privacy policy, and I separately consent to the hospital processing sensitive personal information: patients’ ID numbers and medical information.',
};

/** A text in the reader's locale. */
export function privacyText(text: PrivacyText, locale: 'zh-CN' | 'en'): string {
  return locale === 'en' ? text.en : text.zh;
}
