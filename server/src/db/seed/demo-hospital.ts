// Demo content for a fictitious mid-sized general hospital ("滨江市第一人民医院").
// Pure data: the seeding code (seed.ts) reads these lists.
// All people, phone numbers, addresses and bus lines below are invented.
// Money is integer fen (分): 12000 = ¥120.00.

import type {
  DoctorTitle,
  ExamCategory,
  FastingWater,
  FeeCategory,
  RoomKind,
  SessionPeriod,
  Sex,
} from '@hospital/shared';

export interface DemoDepartment {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  location: string;
  sortOrder: number;
  /** Eligibility (docs/decisions/018-eligibility.md); unset = anyone. */
  allowedSex?: Sex;
  /** 儿科: the hospital's pediatric age applies. */
  pediatric?: boolean;
}

export interface DemoDoctor {
  code: string;
  departmentCode: string;
  name: string;
  /** As the doctor writes it in English (pinyin, family name first, as Chinese hospitals publish it). */
  nameEn: string;
  title: DoctorTitle;
  feeCategory: FeeCategory;
  specialty: string;
  bio: string;
}

export interface DemoRoom {
  code: string;
  name: string;
  kind: RoomKind;
  departmentCode: string | null;
  building: string;
  floor: string;
  location: string;
}

export interface DemoExamType {
  code: string;
  name: string;
  nameEn: string;
  category: ExamCategory;
  departmentCode: string;
  roomCode: string | null;
  feeFen: number;
  durationMinutes: number;
  building: string;
  floor: string;
  room: string;
  route: string;
  fastingHours: number | null;
  /** While fasting: nothing to drink, or sips of water (null exactly when fastingHours is). */
  fastingWater: FastingWater | null;
  /** With sips: nothing at all to drink from this many hours before the exam. */
  noWaterHours: number | null;
  fullBladder: boolean;
  waterMl: number | null;
  waterMinutesBefore: number | null;
  stopMedication: string | null;
  bringPriorFilms: boolean;
  arriveEarlyMinutes: number;
  preparationNotes: string | null;
  whatToExpect: string;
  afterCare: string;
  /** From the end of the exam, as precisely as the results text states it. */
  resultReadyMinutes: number;
  resultReadyText: string;
  /** Eligibility (docs/decisions/018-eligibility.md); unset = either sex. */
  allowedSex?: Sex;
}

export interface DemoNotice {
  title: string;
  body: string;
}

// ---------------------------------------------------------------------------
// Hospital
// ---------------------------------------------------------------------------

// Campus layout used throughout the texts:
//   门诊楼 (outpatient building): 1F hall with registration/payment windows, pharmacy (west), blood draw and
//     lab reports (west wing), paediatrics (east wing, own entrance); 2F internal medicine + ECG; 3F surgery;
//     4F obstetrics & gynaecology, dermatology; 5F ophthalmology, stomatology, ENT.
//   医技楼 (medical technology building), joined to 门诊楼 by a 2F skybridge and a 1F north corridor:
//     1F radiology (DR, CT, MRI, bone density); 2F ultrasound; 3F endoscopy centre.
//   住院楼 (inpatient building): 1F admission service centre.
export const hospital: {
  code: string;
  name: string;
  nameEn: string;
  address: string;
  phone: string;
  complaintPhone: string;
} = {
  code: 'BJFPH',
  name: '滨江市第一人民医院',
  nameEn: "Binjiang First People's Hospital",
  address: '滨江市江南区人民路188号',
  phone: '0573-8806 1000',
  complaintPhone: '0573-8806 1234',
};

// ---------------------------------------------------------------------------
// Departments: 11 clinical departments (with doctors) and 5 exam departments (no doctors)
// ---------------------------------------------------------------------------

export const departments: DemoDepartment[] = [
  {
    code: 'CARDIO',
    name: '心血管内科',
    nameEn: 'Cardiology',
    description: '诊治高血压、冠心病、心律失常、心力衰竭等心血管疾病，开设胸痛门诊和高血压专病门诊。',
    location: '门诊楼2层A区',
    sortOrder: 10,
  },
  {
    code: 'GI',
    name: '消化内科',
    nameEn: 'Gastroenterology',
    description: '诊治胃炎、消化性溃疡、肝病、炎症性肠病等消化系统疾病，与内镜中心联合开展消化道早癌筛查。',
    location: '门诊楼2层B区',
    sortOrder: 20,
  },
  {
    code: 'RESP',
    name: '呼吸内科',
    nameEn: 'Respiratory Medicine',
    description: '诊治慢性咳嗽、支气管哮喘、慢阻肺、肺部感染及肺结节，开设戒烟门诊。',
    location: '门诊楼2层C区',
    sortOrder: 30,
  },
  {
    code: 'SURG',
    name: '普通外科',
    nameEn: 'General Surgery',
    description: '开展肝胆胰、胃肠、甲状腺、乳腺及疝气等外科疾病的诊治，擅长腹腔镜微创手术。',
    location: '门诊楼3层A区',
    sortOrder: 40,
  },
  {
    code: 'ORTHO',
    name: '骨科',
    nameEn: 'Orthopedics',
    description: '诊治骨折创伤、颈肩腰腿痛、骨关节炎及运动损伤，开展关节置换和关节镜手术。',
    location: '门诊楼3层B区',
    sortOrder: 50,
  },
  {
    code: 'PED',
    name: '儿科',
    nameEn: 'Pediatrics',
    description: '为14周岁及以下儿童提供常见病、多发病诊治及生长发育评估，设独立候诊区和儿童输液室。',
    location: '门诊楼1层东区（儿科独立入口）',
    sortOrder: 60,
    pediatric: true,
  },
  {
    code: 'OBGYN',
    name: '妇产科',
    nameEn: 'Obstetrics and Gynecology',
    description: '提供产前检查、高危妊娠管理、妇科炎症、宫颈疾病筛查及妇科肿瘤诊治服务。',
    location: '门诊楼4层A区',
    sortOrder: 70,
    allowedSex: 'FEMALE',
  },
  {
    code: 'DERM',
    name: '皮肤科',
    nameEn: 'Dermatology',
    description: '诊治湿疹、荨麻疹、银屑病、痤疮及各类皮肤感染，开展皮肤镜检查和光疗。',
    location: '门诊楼4层C区',
    sortOrder: 80,
  },
  {
    code: 'OPHTH',
    name: '眼科',
    nameEn: 'Ophthalmology',
    description: '诊治白内障、青光眼、眼底病、干眼症，开展儿童青少年近视防控和验光配镜。',
    location: '门诊楼5层A区',
    sortOrder: 90,
  },
  {
    code: 'STOMA',
    name: '口腔科',
    nameEn: 'Stomatology',
    description: '提供龋齿充填、根管治疗、牙周治疗、拔牙及口腔修复服务。',
    location: '门诊楼5层B区',
    sortOrder: 100,
  },
  {
    code: 'ENT',
    name: '耳鼻喉科',
    nameEn: 'Otorhinolaryngology (ENT)',
    description: '诊治鼻炎、鼻窦炎、中耳炎、咽喉疾病及听力下降，开展鼻内镜检查和纯音测听。',
    location: '门诊楼5层C区',
    sortOrder: 110,
  },
  {
    code: 'RAD',
    name: '影像科',
    nameEn: 'Radiology',
    description: '提供X线（DR）、CT、磁共振（MRI）及骨密度检查，检查后出具影像诊断报告。',
    location: '医技楼1层',
    sortOrder: 200,
  },
  {
    code: 'US',
    name: '超声科',
    nameEn: 'Ultrasound',
    description: '提供腹部、泌尿系、妇科、甲状腺、乳腺、心脏及血管超声检查。',
    location: '医技楼2层',
    sortOrder: 210,
  },
  {
    code: 'ENDO',
    name: '内镜中心',
    nameEn: 'Endoscopy Center',
    description: '开展普通及无痛胃镜、肠镜检查和内镜下息肉切除，设独立麻醉复苏区。',
    location: '医技楼3层',
    sortOrder: 220,
  },
  {
    code: 'FUNC',
    name: '功能检查科',
    nameEn: 'Functional Diagnostics',
    description: '提供常规心电图、动态心电图（Holter）、动态血压等心电功能检查。',
    location: '门诊楼2层D区',
    sortOrder: 230,
  },
  {
    code: 'LAB',
    name: '检验科',
    nameEn: 'Clinical Laboratory',
    description: '负责门诊采血、标本接收及血液、尿液、生化、免疫等检验项目，报告可线上查询。',
    location: '门诊楼1层西区',
    sortOrder: 240,
  },
];

// ---------------------------------------------------------------------------
// Doctors (clinical departments only). Fee category follows title:
//   chief → EXPERT or SPECIAL; associate chief → EXPERT; attending / resident → GENERAL.
// ---------------------------------------------------------------------------

export const doctors: DemoDoctor[] = [
  // 心血管内科
  {
    code: 'D001',
    departmentCode: 'CARDIO',
    name: '周建国',
    nameEn: 'Zhou Jianguo',
    title: 'CHIEF_PHYSICIAN',
    feeCategory: 'SPECIAL',
    specialty: '冠心病介入治疗、复杂心律失常',
    bio: '从事心血管内科临床工作30余年，科室学科带头人。擅长冠心病介入诊疗及复杂心律失常的综合管理。',
  },
  {
    code: 'D002',
    departmentCode: 'CARDIO',
    name: '林晓燕',
    nameEn: 'Lin Xiaoyan',
    title: 'ASSOCIATE_CHIEF_PHYSICIAN',
    feeCategory: 'EXPERT',
    specialty: '高血压、心力衰竭',
    bio: '从事心血管内科临床工作18年，擅长难治性高血压和慢性心力衰竭的规范化治疗与长期随访。',
  },
  {
    code: 'D003',
    departmentCode: 'CARDIO',
    name: '陈浩',
    nameEn: 'Chen Hao',
    title: 'ATTENDING_PHYSICIAN',
    feeCategory: 'GENERAL',
    specialty: '胸闷心悸、血脂异常',
    bio: '从事心血管内科临床工作9年，熟悉胸闷、心悸、血脂异常等常见心血管问题的诊治。',
  },
  // 消化内科
  {
    code: 'D004',
    departmentCode: 'GI',
    name: '黄志明',
    nameEn: 'Huang Zhiming',
    title: 'CHIEF_PHYSICIAN',
    feeCategory: 'EXPERT',
    specialty: '消化内镜诊疗、消化道早癌筛查',
    bio: '从事消化内科临床工作28年，完成消化内镜诊疗逾万例。擅长消化道早期癌的内镜筛查与治疗。',
  },
  {
    code: 'D005',
    departmentCode: 'GI',
    name: '吴静',
    nameEn: 'Wu Jing',
    title: 'ASSOCIATE_CHIEF_PHYSICIAN',
    feeCategory: 'EXPERT',
    specialty: '炎症性肠病、功能性胃肠病',
    bio: '从事消化内科临床工作16年，擅长溃疡性结肠炎、克罗恩病及肠易激综合征的诊治。',
  },
  {
    code: 'D006',
    departmentCode: 'GI',
    name: '许文博',
    nameEn: 'Xu Wenbo',
    title: 'ATTENDING_PHYSICIAN',
    feeCategory: 'GENERAL',
    specialty: '慢性胃炎、幽门螺杆菌感染',
    bio: '从事消化内科临床工作8年，擅长慢性胃炎、反流性食管炎及幽门螺杆菌感染的规范治疗。',
  },
  // 呼吸内科
  {
    code: 'D007',
    departmentCode: 'RESP',
    name: '郑立群',
    nameEn: 'Zheng Liqun',
    title: 'CHIEF_PHYSICIAN',
    feeCategory: 'EXPERT',
    specialty: '慢阻肺、支气管哮喘',
    bio: '从事呼吸内科临床工作26年，擅长慢性阻塞性肺疾病、支气管哮喘的规范化诊治与肺功能评估。',
  },
  {
    code: 'D008',
    departmentCode: 'RESP',
    name: '孙雅婷',
    nameEn: 'Sun Yating',
    title: 'ATTENDING_PHYSICIAN',
    feeCategory: 'GENERAL',
    specialty: '慢性咳嗽、肺结节随访',
    bio: '从事呼吸内科临床工作10年，擅长慢性咳嗽、呼吸道感染的诊治及肺结节的随访管理。',
  },
  // 普通外科
  {
    code: 'D009',
    departmentCode: 'SURG',
    name: '王振华',
    nameEn: 'Wang Zhenhua',
    title: 'CHIEF_PHYSICIAN',
    feeCategory: 'SPECIAL',
    specialty: '肝胆胰外科、腹腔镜微创手术',
    bio: '从事普通外科临床工作32年，擅长肝胆胰疾病的外科治疗及腹腔镜微创手术。',
  },
  {
    code: 'D010',
    departmentCode: 'SURG',
    name: '刘洋',
    nameEn: 'Liu Yang',
    title: 'ASSOCIATE_CHIEF_PHYSICIAN',
    feeCategory: 'EXPERT',
    specialty: '甲状腺、乳腺疾病',
    bio: '从事普通外科临床工作17年，擅长甲状腺结节、乳腺肿块的诊断与手术治疗。',
  },
  {
    code: 'D011',
    departmentCode: 'SURG',
    name: '赵子涵',
    nameEn: 'Zhao Zihan',
    title: 'ATTENDING_PHYSICIAN',
    feeCategory: 'GENERAL',
    specialty: '疝气、体表肿物、外伤处理',
    bio: '从事普通外科临床工作7年，擅长腹股沟疝、体表肿物及外伤清创缝合等常见外科问题。',
  },
  // 骨科
  {
    code: 'D012',
    departmentCode: 'ORTHO',
    name: '杨卫东',
    nameEn: 'Yang Weidong',
    title: 'ASSOCIATE_CHIEF_PHYSICIAN',
    feeCategory: 'EXPERT',
    specialty: '关节外科、运动损伤',
    bio: '从事骨科临床工作20年，擅长膝髋关节置换及半月板、韧带损伤的关节镜治疗。',
  },
  {
    code: 'D013',
    departmentCode: 'ORTHO',
    name: '钱宇航',
    nameEn: 'Qian Yuhang',
    title: 'ATTENDING_PHYSICIAN',
    feeCategory: 'GENERAL',
    specialty: '颈肩腰腿痛、四肢骨折',
    bio: '从事骨科临床工作9年，擅长颈椎病、腰椎间盘突出症的保守治疗及四肢骨折的诊治。',
  },
  // 儿科
  {
    code: 'D014',
    departmentCode: 'PED',
    name: '何玉兰',
    nameEn: 'He Yulan',
    title: 'CHIEF_PHYSICIAN',
    feeCategory: 'EXPERT',
    specialty: '儿童呼吸系统疾病、儿童哮喘',
    bio: '从事儿科临床工作29年，擅长儿童反复呼吸道感染、支气管哮喘的诊治与长期管理。',
  },
  {
    code: 'D015',
    departmentCode: 'PED',
    name: '马思远',
    nameEn: 'Ma Siyuan',
    title: 'ATTENDING_PHYSICIAN',
    feeCategory: 'GENERAL',
    specialty: '儿童常见病、生长发育评估',
    bio: '从事儿科临床工作8年，擅长儿童发热、咳嗽、腹泻等常见病诊治及生长发育评估。',
  },
  {
    code: 'D016',
    departmentCode: 'PED',
    name: '朱琳',
    nameEn: 'Zhu Lin',
    title: 'RESIDENT_PHYSICIAN',
    feeCategory: 'GENERAL',
    specialty: '儿童发热、消化不良',
    bio: '从事儿科临床工作3年，在上级医师指导下出诊，熟悉儿童发热、消化不良等常见病的处理。',
  },
  // 妇产科
  {
    code: 'D017',
    departmentCode: 'OBGYN',
    name: '徐美华',
    nameEn: 'Xu Meihua',
    title: 'CHIEF_PHYSICIAN',
    feeCategory: 'SPECIAL',
    specialty: '高危妊娠、妇科肿瘤',
    bio: '从事妇产科临床工作31年，擅长高危妊娠管理及子宫肌瘤、卵巢肿瘤的微创手术治疗。',
  },
  {
    code: 'D018',
    departmentCode: 'OBGYN',
    name: '胡丽娟',
    nameEn: 'Hu Lijuan',
    title: 'ASSOCIATE_CHIEF_PHYSICIAN',
    feeCategory: 'EXPERT',
    specialty: '宫颈疾病、阴道镜诊疗',
    bio: '从事妇产科临床工作19年，擅长宫颈癌前病变筛查、阴道镜检查及宫颈疾病治疗。',
  },
  {
    code: 'D019',
    departmentCode: 'OBGYN',
    name: '高雪',
    nameEn: 'Gao Xue',
    title: 'ATTENDING_PHYSICIAN',
    feeCategory: 'GENERAL',
    specialty: '产前检查、月经失调',
    bio: '从事妇产科临床工作8年，负责常规产前检查，擅长月经失调、妇科炎症的诊治。',
  },
  // 皮肤科
  {
    code: 'D020',
    departmentCode: 'DERM',
    name: '韩素芬',
    nameEn: 'Han Sufen',
    title: 'CHIEF_PHYSICIAN',
    feeCategory: 'EXPERT',
    specialty: '湿疹、银屑病、过敏性皮肤病',
    bio: '从事皮肤科临床工作27年，擅长湿疹、荨麻疹、银屑病等慢性及过敏性皮肤病的诊治。',
  },
  {
    code: 'D021',
    departmentCode: 'DERM',
    name: '冯一鸣',
    nameEn: 'Feng Yiming',
    title: 'RESIDENT_PHYSICIAN',
    feeCategory: 'GENERAL',
    specialty: '痤疮、皮肤感染',
    bio: '从事皮肤科临床工作3年，在上级医师指导下出诊，熟悉痤疮、癣及常见皮肤感染的诊治。',
  },
  // 眼科
  {
    code: 'D022',
    departmentCode: 'OPHTH',
    name: '罗明远',
    nameEn: 'Luo Mingyuan',
    title: 'ASSOCIATE_CHIEF_PHYSICIAN',
    feeCategory: 'EXPERT',
    specialty: '白内障、青光眼',
    bio: '从事眼科临床工作18年，擅长白内障超声乳化手术及青光眼的诊断与治疗。',
  },
  {
    code: 'D023',
    departmentCode: 'OPHTH',
    name: '谢婉清',
    nameEn: 'Xie Wanqing',
    title: 'ATTENDING_PHYSICIAN',
    feeCategory: 'GENERAL',
    specialty: '儿童近视防控、干眼症',
    bio: '从事眼科临床工作9年，擅长儿童青少年近视防控、斜弱视筛查及干眼症治疗。',
  },
  // 口腔科
  {
    code: 'D024',
    departmentCode: 'STOMA',
    name: '宋嘉怡',
    nameEn: 'Song Jiayi',
    title: 'ASSOCIATE_CHIEF_PHYSICIAN',
    feeCategory: 'EXPERT',
    specialty: '牙体牙髓病、显微根管治疗',
    bio: '从事口腔临床工作16年，擅长复杂根管治疗、显微根管再治疗及牙体美学修复。',
  },
  {
    code: 'D025',
    departmentCode: 'STOMA',
    name: '唐俊杰',
    nameEn: 'Tang Junjie',
    title: 'ATTENDING_PHYSICIAN',
    feeCategory: 'GENERAL',
    specialty: '牙周病、拔牙',
    bio: '从事口腔临床工作8年，擅长牙周基础治疗、智齿拔除及常见口腔黏膜病处理。',
  },
  // 耳鼻喉科
  {
    code: 'D026',
    departmentCode: 'ENT',
    name: '邓国强',
    nameEn: 'Deng Guoqiang',
    title: 'ASSOCIATE_CHIEF_PHYSICIAN',
    feeCategory: 'EXPERT',
    specialty: '慢性鼻窦炎、鼻内镜手术',
    bio: '从事耳鼻喉科临床工作20年，擅长慢性鼻窦炎、鼻息肉的鼻内镜微创手术。',
  },
  {
    code: 'D027',
    departmentCode: 'ENT',
    name: '曹颖',
    nameEn: 'Cao Ying',
    title: 'ATTENDING_PHYSICIAN',
    feeCategory: 'GENERAL',
    specialty: '中耳炎、咽喉炎、听力下降',
    bio: '从事耳鼻喉科临床工作10年，擅长中耳炎、慢性咽喉炎及突发性耳聋的诊治。',
  },
];

// ---------------------------------------------------------------------------
// Rooms: consulting rooms, exam rooms and service windows
// ---------------------------------------------------------------------------

export const rooms: DemoRoom[] = [
  // Consulting rooms (一医一患: one doctor per room per session)
  {
    code: 'R-CARDIO-1',
    name: '心内科1诊室',
    kind: 'CONSULTING',
    departmentCode: 'CARDIO',
    building: '门诊楼',
    floor: '2层',
    location: '门诊楼2层A区201室，出电梯右转第一间',
  },
  {
    code: 'R-CARDIO-2',
    name: '心内科2诊室',
    kind: 'CONSULTING',
    departmentCode: 'CARDIO',
    building: '门诊楼',
    floor: '2层',
    location: '门诊楼2层A区202室',
  },
  {
    code: 'R-GI-1',
    name: '消化内科1诊室',
    kind: 'CONSULTING',
    departmentCode: 'GI',
    building: '门诊楼',
    floor: '2层',
    location: '门诊楼2层B区211室',
  },
  {
    code: 'R-GI-2',
    name: '消化内科2诊室',
    kind: 'CONSULTING',
    departmentCode: 'GI',
    building: '门诊楼',
    floor: '2层',
    location: '门诊楼2层B区212室',
  },
  {
    code: 'R-RESP-1',
    name: '呼吸内科1诊室',
    kind: 'CONSULTING',
    departmentCode: 'RESP',
    building: '门诊楼',
    floor: '2层',
    location: '门诊楼2层C区221室',
  },
  {
    code: 'R-SURG-1',
    name: '普外科1诊室',
    kind: 'CONSULTING',
    departmentCode: 'SURG',
    building: '门诊楼',
    floor: '3层',
    location: '门诊楼3层A区301室，出电梯右转',
  },
  {
    code: 'R-SURG-2',
    name: '普外科2诊室',
    kind: 'CONSULTING',
    departmentCode: 'SURG',
    building: '门诊楼',
    floor: '3层',
    location: '门诊楼3层A区302室',
  },
  {
    code: 'R-ORTHO-1',
    name: '骨科1诊室',
    kind: 'CONSULTING',
    departmentCode: 'ORTHO',
    building: '门诊楼',
    floor: '3层',
    location: '门诊楼3层B区311室，出电梯左转',
  },
  {
    code: 'R-ORTHO-2',
    name: '骨科2诊室',
    kind: 'CONSULTING',
    departmentCode: 'ORTHO',
    building: '门诊楼',
    floor: '3层',
    location: '门诊楼3层B区312室',
  },
  {
    code: 'R-PED-1',
    name: '儿科1诊室',
    kind: 'CONSULTING',
    departmentCode: 'PED',
    building: '门诊楼',
    floor: '1层',
    location: '门诊楼1层东区101室，儿科独立入口进门左手边',
  },
  {
    code: 'R-PED-2',
    name: '儿科2诊室',
    kind: 'CONSULTING',
    departmentCode: 'PED',
    building: '门诊楼',
    floor: '1层',
    location: '门诊楼1层东区102室',
  },
  {
    code: 'R-OBGYN-1',
    name: '妇产科1诊室',
    kind: 'CONSULTING',
    departmentCode: 'OBGYN',
    building: '门诊楼',
    floor: '4层',
    location: '门诊楼4层A区401室',
  },
  {
    code: 'R-OBGYN-2',
    name: '妇产科2诊室',
    kind: 'CONSULTING',
    departmentCode: 'OBGYN',
    building: '门诊楼',
    floor: '4层',
    location: '门诊楼4层A区402室',
  },
  {
    code: 'R-DERM-1',
    name: '皮肤科1诊室',
    kind: 'CONSULTING',
    departmentCode: 'DERM',
    building: '门诊楼',
    floor: '4层',
    location: '门诊楼4层C区421室',
  },
  {
    code: 'R-OPHTH-1',
    name: '眼科1诊室',
    kind: 'CONSULTING',
    departmentCode: 'OPHTH',
    building: '门诊楼',
    floor: '5层',
    location: '门诊楼5层A区501室',
  },
  {
    code: 'R-OPHTH-2',
    name: '眼科2诊室',
    kind: 'CONSULTING',
    departmentCode: 'OPHTH',
    building: '门诊楼',
    floor: '5层',
    location: '门诊楼5层A区502室',
  },
  {
    code: 'R-STOMA-1',
    name: '口腔科综合诊室',
    kind: 'CONSULTING',
    departmentCode: 'STOMA',
    building: '门诊楼',
    floor: '5层',
    location: '门诊楼5层B区511室',
  },
  {
    code: 'R-ENT-1',
    name: '耳鼻喉科1诊室',
    kind: 'CONSULTING',
    departmentCode: 'ENT',
    building: '门诊楼',
    floor: '5层',
    location: '门诊楼5层C区521室',
  },

  // Exam rooms
  {
    code: 'R-LAB-DRAW',
    name: '门诊采血室',
    kind: 'EXAM',
    departmentCode: 'LAB',
    building: '门诊楼',
    floor: '1层',
    location: '门诊楼1层西区，大厅向西步行约30米左手边',
  },
  {
    code: 'R-LAB-SAMPLE',
    name: '检验标本接收处',
    kind: 'EXAM',
    departmentCode: 'LAB',
    building: '门诊楼',
    floor: '1层',
    location: '门诊楼1层西区，采血室隔壁，旁边设有留样卫生间',
  },
  {
    code: 'R-RAD-DR1',
    name: 'DR摄片1室',
    kind: 'EXAM',
    departmentCode: 'RAD',
    building: '医技楼',
    floor: '1层',
    location: '医技楼1层影像科，登记台左侧第一间',
  },
  {
    code: 'R-RAD-CT1',
    name: 'CT1室',
    kind: 'EXAM',
    departmentCode: 'RAD',
    building: '医技楼',
    floor: '1层',
    location: '医技楼1层影像科，登记台右侧',
  },
  {
    code: 'R-RAD-CT2',
    name: 'CT2室（增强）',
    kind: 'EXAM',
    departmentCode: 'RAD',
    building: '医技楼',
    floor: '1层',
    location: '医技楼1层影像科，登记台右侧，增强CT准备间对面',
  },
  {
    code: 'R-RAD-MR1',
    name: '磁共振1室',
    kind: 'EXAM',
    departmentCode: 'RAD',
    building: '医技楼',
    floor: '1层',
    location: '医技楼1层影像科东侧走廊尽头（进入前需存放金属物品）',
  },
  {
    code: 'R-RAD-DXA',
    name: '骨密度室',
    kind: 'EXAM',
    departmentCode: 'RAD',
    building: '医技楼',
    floor: '1层',
    location: '医技楼1层影像科，DR摄片1室隔壁',
  },
  {
    code: 'R-US-1',
    name: '超声1室',
    kind: 'EXAM',
    departmentCode: 'US',
    building: '医技楼',
    floor: '2层',
    location: '医技楼2层超声科，分诊台左侧',
  },
  {
    code: 'R-US-2',
    name: '超声2室',
    kind: 'EXAM',
    departmentCode: 'US',
    building: '医技楼',
    floor: '2层',
    location: '医技楼2层超声科，分诊台右侧',
  },
  {
    code: 'R-US-3',
    name: '超声3室（妇科）',
    kind: 'EXAM',
    departmentCode: 'US',
    building: '医技楼',
    floor: '2层',
    location: '医技楼2层超声科，分诊台右侧走廊尽头',
  },
  {
    code: 'R-ENDO-1',
    name: '胃镜室',
    kind: 'EXAM',
    departmentCode: 'ENDO',
    building: '医技楼',
    floor: '3层',
    location: '医技楼3层内镜中心，登记台后方1号检查间',
  },
  {
    code: 'R-ENDO-2',
    name: '无痛诊疗室',
    kind: 'EXAM',
    departmentCode: 'ENDO',
    building: '医技楼',
    floor: '3层',
    location: '医技楼3层内镜中心，2号检查间（旁设麻醉复苏区）',
  },
  {
    code: 'R-FUNC-ECG',
    name: '心电图室',
    kind: 'EXAM',
    departmentCode: 'FUNC',
    building: '门诊楼',
    floor: '2层',
    location: '门诊楼2层D区231室',
  },
  {
    code: 'R-FUNC-HOLTER',
    name: '动态心电图室',
    kind: 'EXAM',
    departmentCode: 'FUNC',
    building: '门诊楼',
    floor: '2层',
    location: '门诊楼2层D区232室，心电图室隔壁',
  },
  {
    code: 'R-OBGYN-EXAM',
    name: '妇科检查室',
    kind: 'EXAM',
    departmentCode: 'OBGYN',
    building: '门诊楼',
    floor: '4层',
    location: '门诊楼4层A区405室，妇科诊室对面',
  },

  // Service windows (no department)
  {
    code: 'W-REG-1',
    name: '挂号收费窗口1',
    kind: 'WINDOW',
    departmentCode: null,
    building: '门诊楼',
    floor: '1层',
    location: '门诊楼1层大厅，挂号收费处1号窗口（老年人、残疾人优先窗口）',
  },
  {
    code: 'W-REG-2',
    name: '挂号收费窗口2',
    kind: 'WINDOW',
    departmentCode: null,
    building: '门诊楼',
    floor: '1层',
    location: '门诊楼1层大厅，挂号收费处2号窗口',
  },
  {
    code: 'W-REG-3',
    name: '挂号收费窗口3',
    kind: 'WINDOW',
    departmentCode: null,
    building: '门诊楼',
    floor: '1层',
    location: '门诊楼1层大厅，挂号收费处3号窗口',
  },
  {
    code: 'W-REG-4',
    name: '挂号收费窗口4',
    kind: 'WINDOW',
    departmentCode: null,
    building: '门诊楼',
    floor: '1层',
    location: '门诊楼1层大厅，挂号收费处4号窗口',
  },
  {
    code: 'W-PHARM-1',
    name: '西药房窗口',
    kind: 'WINDOW',
    departmentCode: null,
    building: '门诊楼',
    floor: '1层',
    location: '门诊楼1层大厅西侧，门诊西药房',
  },
  {
    code: 'W-REPORT',
    name: '检验报告窗口',
    kind: 'WINDOW',
    departmentCode: null,
    building: '门诊楼',
    floor: '1层',
    location: '门诊楼1层西区，采血室对面（旁设报告自助打印机）',
  },
  {
    code: 'W-SERVICE',
    name: '门诊服务中心',
    kind: 'WINDOW',
    departmentCode: null,
    building: '门诊楼',
    floor: '1层',
    location: '门诊楼1层大厅正门右侧，提供咨询、轮椅借用和老年人帮办服务',
  },
  {
    code: 'W-ADMIT',
    name: '入院服务中心',
    kind: 'WINDOW',
    departmentCode: null,
    building: '住院楼',
    floor: '1层',
    location: '住院楼1层大厅，办理入院登记、预交金及出院结算',
  },
];

// ---------------------------------------------------------------------------
// Exam types with patient guidance
// ---------------------------------------------------------------------------

const ROUTE_LAB_DRAW = '从门诊大厅向西步行约30米，经过西药房后左手边即为门诊采血室，先在门口自助机签到取号';
const ROUTE_RAD = '从门诊大厅沿北侧通道直行约50米进入医技楼，进门右转即为影像科登记台，先登记再候检';
const ROUTE_US = '从门诊大厅乘电梯至2楼，出电梯后沿“医技楼”指示牌经连廊进入医技楼，左转即到超声科分诊台';
const ROUTE_ENDO = '从门诊大厅乘电梯至2楼，经连廊进入医技楼，再乘医技楼电梯至3楼，出电梯正对内镜中心登记台';
const ROUTE_ECG = '从门诊大厅乘电梯至2楼，出电梯左转直行至D区，心电图室在走廊右侧';

export const examTypes: DemoExamType[] = [
  // --- Laboratory -----------------------------------------------------------
  {
    code: 'LAB-FBG-LIPID',
    name: '空腹血糖及血脂四项',
    nameEn: 'Fasting glucose and lipid panel',
    category: 'LAB',
    departmentCode: 'LAB',
    roomCode: 'R-LAB-DRAW',
    feeFen: 5200,
    durationMinutes: 5,
    building: '门诊楼',
    floor: '1层',
    room: '西区门诊采血室',
    route: ROUTE_LAB_DRAW,
    fastingHours: 10,
    fastingWater: 'SIPS',
    noWaterHours: null,
    fullBladder: false,
    waterMl: null,
    waterMinutesBefore: null,
    stopMedication:
      '采血当日早晨暂停口服降糖药和胰岛素，带到医院采血后随早餐使用；降压药等其他长期用药可照常用少量温水服用，不要自行停药。',
    bringPriorFilms: false,
    arriveEarlyMinutes: 15,
    preparationNotes:
      '采血前一天晚餐清淡，不饮酒、不吃油腻食物；晚上10点后禁食，可少量饮用白开水，不喝含糖饮料、牛奶、咖啡；空腹8–12小时为宜，不要超过14小时；采血前避免剧烈运动，建议上午7:30–10:00采血。',
    whatToExpect:
      '护士核对身份后在肘部静脉采血2–3管，全程约5分钟，进针时有轻微刺痛。晕血、晕针的患者请提前告知护士，可躺位采血。',
    afterCare:
      '用棉签按压针眼3–5分钟，不要揉搓；当天针眼处避免沾水。采血后即可进食，糖尿病患者请随身带些饼干或糖果以防低血糖；如感头晕请原地休息并告知护士。',
    resultReadyMinutes: 240,
    resultReadyText: '采血后约4小时可在门诊1楼西区自助机凭就诊卡或身份证打印报告，也可到检验报告窗口领取。',
  },
  {
    code: 'LAB-CBC',
    name: '血常规',
    nameEn: 'Complete blood count (CBC)',
    category: 'LAB',
    departmentCode: 'LAB',
    roomCode: 'R-LAB-DRAW',
    feeFen: 2000,
    durationMinutes: 5,
    building: '门诊楼',
    floor: '1层',
    room: '西区门诊采血室',
    route: ROUTE_LAB_DRAW,
    fastingHours: null,
    fastingWater: null,
    noWaterHours: null,
    fullBladder: false,
    waterMl: null,
    waterMinutesBefore: null,
    stopMedication: null,
    bringPriorFilms: false,
    arriveEarlyMinutes: 15,
    preparationNotes:
      '无需空腹，可正常饮食饮水；采血前避免剧烈运动，休息5分钟后再采血。如同时开了空腹项目，请按空腹要求一起采血。',
    whatToExpect: '护士在肘部静脉采血1管，约2–3分钟。儿童可由家长陪同抱坐采血，必要时采手指末梢血。',
    afterCare: '用棉签按压针眼3–5分钟，不要揉搓；若出现青紫，24小时后可热敷帮助消退。',
    resultReadyMinutes: 120,
    resultReadyText: '采血后约2小时可到门诊1楼西区自助机打印报告，或到检验报告窗口领取。',
  },
  {
    code: 'LAB-UA',
    name: '尿常规',
    nameEn: 'Urinalysis',
    category: 'LAB',
    departmentCode: 'LAB',
    roomCode: 'R-LAB-SAMPLE',
    feeFen: 1500,
    durationMinutes: 5,
    building: '门诊楼',
    floor: '1层',
    room: '西区检验标本接收处',
    route: '从门诊大厅向西步行约30米，采血室隔壁即为检验标本接收处，尿杯和尿管在接收处领取',
    fastingHours: null,
    fastingWater: null,
    noWaterHours: null,
    fullBladder: false,
    waterMl: null,
    waterMinutesBefore: null,
    stopMedication: '检查前1天尽量不服用维生素C及利尿剂（医生要求服用的除外），以免影响结果。',
    bringPriorFilms: false,
    arriveEarlyMinutes: 15,
    preparationNotes:
      '请留取晨起第一次尿的中段尿：先清洗外阴，排掉前段尿，用清洁干燥的尿杯接取中段尿约10毫升（约半杯），倒入尿管至刻度线，2小时内送到检验标本接收处。可提前在接收处领取尿杯，或到院后在留样卫生间留取。女性请避开月经期；检查前一天避免大量饮水和剧烈运动。',
    whatToExpect: '将尿管交给标本接收处工作人员，核对姓名和条码后即可离开，无需等候。',
    afterCare: '无需特殊处理，可正常饮食和活动。',
    resultReadyMinutes: 120,
    resultReadyText: '送检后约2小时可到门诊1楼西区自助机打印报告。',
  },

  // --- Ultrasound -----------------------------------------------------------
  {
    code: 'US-ABD',
    name: '腹部超声（肝胆胰脾）',
    nameEn: 'Abdominal ultrasound (liver, gallbladder, pancreas, spleen)',
    category: 'IMAGING',
    departmentCode: 'US',
    roomCode: 'R-US-1',
    feeFen: 12000,
    durationMinutes: 15,
    building: '医技楼',
    floor: '2层',
    room: '超声科（超声1室）',
    route: ROUTE_US,
    fastingHours: 8,
    fastingWater: 'NONE',
    noWaterHours: null,
    fullBladder: false,
    waterMl: null,
    waterMinutesBefore: null,
    stopMedication: null,
    bringPriorFilms: false,
    arriveEarlyMinutes: 15,
    preparationNotes:
      '检查前一天晚餐清淡，少吃豆类、牛奶等易产气食物；检查前8小时禁食，当日早晨不要喝水、不吃早餐（必需的药物可用一小口水送服）。若同一天还有胃肠镜或钡餐检查，请先做超声。',
    whatToExpect:
      '平躺在检查床上露出腹部，医生涂上耦合剂后用探头在腹部滑动，需要时请配合深吸气、屏气或侧身。无痛、无辐射，约10–15分钟。',
    afterCare: '擦净耦合剂即可，检查后可正常进食和活动。',
    resultReadyMinutes: 30,
    resultReadyText: '检查后30分钟内在超声科分诊台领取纸质报告。',
  },
  {
    code: 'US-URO',
    name: '泌尿系超声（肾、输尿管、膀胱、前列腺）',
    nameEn: 'Urinary tract ultrasound',
    category: 'IMAGING',
    departmentCode: 'US',
    roomCode: 'R-US-2',
    feeFen: 10000,
    durationMinutes: 15,
    building: '医技楼',
    floor: '2层',
    room: '超声科（超声2室）',
    route: ROUTE_US,
    fastingHours: null,
    fastingWater: null,
    noWaterHours: null,
    fullBladder: true,
    waterMl: 600,
    waterMinutesBefore: 60,
    stopMedication: null,
    bringPriorFilms: false,
    arriveEarlyMinutes: 15,
    preparationNotes:
      '需要憋尿：检查前1小时内喝水500–800毫升（约1–2瓶矿泉水），喝完后不要排尿，有明显尿意时告知分诊台护士优先安排。心衰、肾功能不全等需限制饮水的患者请先咨询医生。无需空腹。',
    whatToExpect:
      '平躺露出下腹部，医生涂耦合剂后在腰部和下腹部检查，必要时侧卧；按压膀胱区时会有尿意，请稍加忍耐，约10–15分钟。部分患者需排尿后再测残余尿量。',
    afterCare: '检查结束即可排尿，擦净耦合剂，无需特殊护理。',
    resultReadyMinutes: 30,
    resultReadyText: '检查后30分钟内在超声科分诊台领取纸质报告。',
  },
  {
    code: 'US-PELVIS',
    name: '经腹妇科超声（子宫及附件）',
    nameEn: 'Transabdominal pelvic ultrasound',
    allowedSex: 'FEMALE',
    category: 'IMAGING',
    departmentCode: 'US',
    roomCode: 'R-US-3',
    feeFen: 10000,
    durationMinutes: 15,
    building: '医技楼',
    floor: '2层',
    room: '超声科（超声3室·妇科）',
    route: ROUTE_US,
    fastingHours: null,
    fastingWater: null,
    noWaterHours: null,
    fullBladder: true,
    waterMl: 600,
    waterMinutesBefore: 60,
    stopMedication: null,
    bringPriorFilms: false,
    arriveEarlyMinutes: 15,
    preparationNotes:
      '需要憋尿：检查前1小时内喝水500–800毫升，喝完后不要排尿，膀胱充盈才能看清子宫和卵巢。如医生开具的是经阴道超声则无需憋尿（无性生活史者只做经腹检查）。检查请避开月经期（另有医嘱除外）。',
    whatToExpect:
      '平躺露出下腹部，医生涂耦合剂后在下腹部检查，按压时会有尿意，请稍加忍耐，约10–15分钟。检查室一次只允许一位患者进入，注意隐私保护。',
    afterCare: '检查结束即可排尿，擦净耦合剂，无需特殊护理。',
    resultReadyMinutes: 30,
    resultReadyText: '检查后30分钟内在超声科分诊台领取纸质报告。',
  },

  // --- Radiology ------------------------------------------------------------
  {
    code: 'DR-CHEST',
    name: '胸部X光（DR正侧位）',
    nameEn: 'Chest X-ray (PA and lateral)',
    category: 'IMAGING',
    departmentCode: 'RAD',
    roomCode: 'R-RAD-DR1',
    feeFen: 9000,
    durationMinutes: 5,
    building: '医技楼',
    floor: '1层',
    room: '影像科DR摄片1室',
    route: ROUTE_RAD,
    fastingHours: null,
    fastingWater: null,
    noWaterHours: null,
    fullBladder: false,
    waterMl: null,
    waterMinutesBefore: null,
    stopMedication: null,
    bringPriorFilms: true,
    arriveEarlyMinutes: 15,
    preparationNotes:
      '无需空腹。检查前取下项链、带钢圈的内衣、含金属纽扣或亮片的上衣，建议穿纯棉无装饰上衣。孕妇或可能怀孕者请提前告知医生。如有既往胸片请带来对比。',
    whatToExpect:
      '站立位胸部贴紧探测板，双手叉腰、肩部前旋，按提示深吸气后屏住呼吸几秒钟完成拍摄，拍正位和侧位两张，约2–3分钟。辐射剂量很低。',
    afterCare: '无需特殊护理，可正常活动。',
    resultReadyMinutes: 120,
    resultReadyText: '检查后约2小时可到医技楼1楼影像自助打印机打印报告和胶片。',
  },
  {
    code: 'CT-CHEST',
    name: '胸部CT平扫',
    nameEn: 'Chest CT (non-contrast)',
    category: 'IMAGING',
    departmentCode: 'RAD',
    roomCode: 'R-RAD-CT1',
    feeFen: 24000,
    durationMinutes: 10,
    building: '医技楼',
    floor: '1层',
    room: '影像科CT1室',
    route: ROUTE_RAD,
    fastingHours: null,
    fastingWater: null,
    noWaterHours: null,
    fullBladder: false,
    waterMl: null,
    waterMinutesBefore: null,
    stopMedication: null,
    bringPriorFilms: true,
    arriveEarlyMinutes: 15,
    preparationNotes:
      '无需空腹，可正常饮食。检查前取下项链、发夹、带钢圈的内衣等颈胸部金属物品；孕妇或可能怀孕者请提前告知医生。肺结节复查者请带上以前的CT片或报告，便于对比。',
    whatToExpect:
      '仰卧在检查床上，双臂上举过头，按语音提示吸气后屏气约10秒，检查床缓慢移动完成扫描，全程约5分钟，无痛。',
    afterCare: '无需特殊护理，可正常饮食和活动。',
    resultReadyMinutes: 1440,
    resultReadyText: '检查后24小时可到医技楼1楼影像自助打印机领取胶片及纸质报告。',
  },
  {
    code: 'CT-ABD-ENH',
    name: '上腹部增强CT',
    nameEn: 'Contrast-enhanced upper abdominal CT',
    category: 'IMAGING',
    departmentCode: 'RAD',
    roomCode: 'R-RAD-CT2',
    feeFen: 68000,
    durationMinutes: 20,
    building: '医技楼',
    floor: '1层',
    room: '影像科CT2室（增强）',
    route: ROUTE_RAD,
    fastingHours: 4,
    fastingWater: 'SIPS',
    noWaterHours: null,
    fullBladder: false,
    waterMl: null,
    waterMinutesBefore: null,
    stopMedication:
      '服用二甲双胍的糖尿病患者，请遵医嘱在检查前48小时停用，检查后48小时复查肾功能正常再恢复服用，停药期间注意监测血糖；其他药物可照常服用。',
    bringPriorFilms: true,
    arriveEarlyMinutes: 30,
    preparationNotes:
      '检查前4小时禁食，可少量饮水。请携带近1个月内的肾功能（血肌酐）化验结果和既往CT、MRI片子。有碘对比剂过敏史、既往造影剂不良反应、哮喘、甲亢、严重心肾功能不全者，请提前告知开单医生和登记台。需由成年家属陪同，并签署《碘对比剂使用知情同意书》。到达后护士会在手臂留置静脉针。',
    whatToExpect:
      '护士留置静脉针后进入检查室，仰卧，先平扫，再经静脉注射碘对比剂后多次扫描。注射时全身可能有发热感或想排尿的感觉，属正常现象，几秒钟后消失；如有胸闷、心慌、瘙痒请立即告诉医生。全程约15–20分钟。',
    afterCare:
      '检查后在候诊区观察30分钟，无不适再由护士拔针离开；拔针后按压针眼5分钟。24小时内多饮水（约2000毫升，需限水者遵医嘱）以促进对比剂排出。如出现皮疹、瘙痒、呼吸困难等迟发反应，请及时就医。',
    resultReadyMinutes: 1440,
    resultReadyText: '检查后24小时可到医技楼1楼影像自助打印机领取胶片及纸质报告。',
  },
  {
    code: 'MR-HEAD',
    name: '头颅磁共振平扫（MRI）',
    nameEn: 'Brain MRI (non-contrast)',
    category: 'IMAGING',
    departmentCode: 'RAD',
    roomCode: 'R-RAD-MR1',
    feeFen: 48000,
    durationMinutes: 30,
    building: '医技楼',
    floor: '1层',
    room: '影像科磁共振1室',
    route: ROUTE_RAD,
    fastingHours: null,
    fastingWater: null,
    noWaterHours: null,
    fullBladder: false,
    waterMl: null,
    waterMinutesBefore: null,
    stopMedication: null,
    bringPriorFilms: true,
    arriveEarlyMinutes: 15,
    preparationNotes:
      '检查前取下所有金属及磁性物品（手机、钥匙、硬币、发夹、首饰、手表、活动假牙、助听器、银行卡），存放在储物柜；请勿化妆。装有心脏起搏器、除颤器、人工耳蜗、神经刺激器或眼内有金属异物者一般不能做此检查，请务必提前告知医生；体内有支架、人工关节、金属固定物者请携带植入物说明书或手术记录。孕妇、幽闭恐惧症患者请提前告知。',
    whatToExpect:
      '仰卧在检查床上，头部放入线圈中，检查时机器噪音较大，会为您佩戴耳塞。全程约20–30分钟，请保持头部不动；如有不适可随时按手中的呼叫球。',
    afterCare: '无需特殊护理，可正常饮食和活动。记得从储物柜取回个人物品。',
    resultReadyMinutes: 1440,
    resultReadyText: '检查后24小时可到医技楼1楼影像自助打印机领取胶片及纸质报告。',
  },
  {
    code: 'DXA',
    name: '骨密度测定（双能X线）',
    nameEn: 'Bone densitometry (DXA)',
    category: 'IMAGING',
    departmentCode: 'RAD',
    roomCode: 'R-RAD-DXA',
    feeFen: 15000,
    durationMinutes: 15,
    building: '医技楼',
    floor: '1层',
    room: '影像科骨密度室',
    route: ROUTE_RAD,
    fastingHours: null,
    fastingWater: null,
    noWaterHours: null,
    fullBladder: false,
    waterMl: null,
    waterMinutesBefore: null,
    stopMedication: '检查前24小时内请勿服用钙片。',
    bringPriorFilms: true,
    arriveEarlyMinutes: 15,
    preparationNotes:
      '可正常饮食。穿无金属的宽松衣裤，取下皮带、钥匙等腰髋部金属物品。近1周内做过钡餐、消化道造影、增强CT或核医学检查者请告知医生，可能需要改期。孕妇不宜检查。如以前做过骨密度，请带上报告便于对比。',
    whatToExpect:
      '平躺在检查床上，双腿垫高，检查臂在身体上方缓慢移动，测量腰椎和髋部，全程约10分钟，无痛，辐射剂量很低。',
    afterCare: '无需特殊护理，可正常活动。',
    resultReadyMinutes: 120,
    resultReadyText: '检查后约2小时可到医技楼1楼影像自助打印机打印报告。',
  },

  // --- Functional diagnostics ----------------------------------------------
  {
    code: 'ECG-12',
    name: '常规心电图（十二导联）',
    nameEn: 'Resting 12-lead ECG',
    category: 'FUNCTION',
    departmentCode: 'FUNC',
    roomCode: 'R-FUNC-ECG',
    feeFen: 2500,
    durationMinutes: 10,
    building: '门诊楼',
    floor: '2层',
    room: 'D区231室心电图室',
    route: ROUTE_ECG,
    fastingHours: null,
    fastingWater: null,
    noWaterHours: null,
    fullBladder: false,
    waterMl: null,
    waterMinutesBefore: null,
    stopMedication: null,
    bringPriorFilms: false,
    arriveEarlyMinutes: 15,
    preparationNotes:
      '无需空腹，建议进食后检查以免低血糖。检查前静坐休息5分钟，避免剧烈运动、吸烟和饮用浓茶、咖啡。请穿宽松易解开的上衣，女士不要穿连裤袜（需露出脚踝）。',
    whatToExpect:
      '平躺露出胸部、手腕和脚踝，医生贴好电极后请放松、平稳呼吸，不要说话或移动，记录约1分钟，全程约5分钟，无痛。',
    afterCare: '擦净导电液即可，无需特殊护理。',
    resultReadyMinutes: 30,
    resultReadyText: '检查后当场或30分钟内在心电图室领取报告。',
  },
  {
    code: 'ECG-HOLTER',
    name: '动态心电图（24小时Holter）',
    nameEn: '24-hour Holter monitoring',
    category: 'FUNCTION',
    departmentCode: 'FUNC',
    roomCode: 'R-FUNC-HOLTER',
    feeFen: 20000,
    durationMinutes: 20,
    building: '门诊楼',
    floor: '2层',
    room: 'D区232室动态心电图室',
    route: ROUTE_ECG,
    fastingHours: null,
    fastingWater: null,
    noWaterHours: null,
    fullBladder: false,
    waterMl: null,
    waterMinutesBefore: null,
    stopMedication: '平时服用的药物请照常服用；如医生要求停用抗心律失常药物，请按医嘱执行。',
    bringPriorFilms: false,
    arriveEarlyMinutes: 15,
    preparationNotes:
      '佩戴期间不能洗澡，请在佩戴前洗澡，胸前皮肤保持清洁干燥、不涂护肤品；胸毛较多的男性需要备皮。穿宽松的开衫上衣。请带上以往的心电图报告。',
    whatToExpect:
      '医生在胸前贴6–10个电极，连接一个手机大小的记录盒，佩戴约20分钟即可离开。佩戴24小时期间照常生活和活动，并在登记卡上记录活动、服药和不适症状（如心慌、胸闷、头晕）的时间。',
    afterCare:
      '佩戴期间不要洗澡、游泳，远离磁共振、X光、电热毯和高压电源，手机不要紧贴记录盒；电极脱落请按压复位，不要自行拆除设备。满24小时后按约定时间回到动态心电图室拆机并交回登记卡。',
    resultReadyMinutes: 2880,
    resultReadyText: '佩戴后约48小时（满24小时拆机后约24小时）可到动态心电图室领取报告。',
  },

  // --- Endoscopy ------------------------------------------------------------
  {
    code: 'EGD',
    name: '普通胃镜',
    nameEn: 'Gastroscopy (without sedation)',
    category: 'ENDOSCOPY',
    departmentCode: 'ENDO',
    roomCode: 'R-ENDO-1',
    feeFen: 28000,
    durationMinutes: 15,
    building: '医技楼',
    floor: '3层',
    room: '内镜中心胃镜室',
    route: ROUTE_ENDO,
    fastingHours: 8,
    fastingWater: 'SIPS',
    noWaterHours: 2,
    fullBladder: false,
    waterMl: null,
    waterMinutesBefore: null,
    stopMedication:
      '服用阿司匹林、氯吡格雷、华法林、利伐沙班等抗凝或抗血小板药物者，请提前告知开单医生，由医生评估是否停药及停药时间，切勿自行停药；降压药可在检查当日早晨6点前用一小口水送服；降糖药当日早晨暂停。',
    bringPriorFilms: false,
    arriveEarlyMinutes: 30,
    preparationNotes:
      '检查前8小时禁食，前2小时禁水；前一天晚餐吃清淡易消化食物，不吸烟、不饮酒。请携带既往胃镜报告及近期乙肝、丙肝、梅毒、艾滋病等感染筛查结果；取下活动假牙和眼镜。近3天内做过钡餐造影者请改期。',
    whatToExpect:
      '检查前口服去泡剂和咽部麻醉药，左侧卧位咬住口垫，医生将细软的胃镜经口插入，可能有恶心、腹胀感，请用鼻子慢慢深呼吸，口水自然流出不要吞咽。约5–10分钟。如需活检会夹取少量组织，一般无痛感。',
    afterCare:
      '咽部麻醉作用消失后（约1–2小时）先小口喝温水，不呛咳再进食温凉的流质或半流质；做活检者当天吃温凉软食，2天内避免辛辣、饮酒和剧烈运动。如出现剧烈腹痛、呕血或黑便，请立即就诊。',
    resultReadyMinutes: 30,
    resultReadyText:
      '胃镜报告在检查后30分钟内到内镜中心登记台领取；如做了活检，病理报告约5个工作日后在内镜中心登记台领取。',
  },
  {
    code: 'COLO-PAINLESS',
    name: '无痛结肠镜',
    nameEn: 'Colonoscopy under sedation',
    category: 'ENDOSCOPY',
    departmentCode: 'ENDO',
    roomCode: 'R-ENDO-2',
    feeFen: 78000,
    durationMinutes: 40,
    building: '医技楼',
    floor: '3层',
    room: '内镜中心无痛诊疗室',
    route: ROUTE_ENDO,
    fastingHours: 8,
    fastingWater: 'SIPS',
    noWaterHours: 2,
    fullBladder: false,
    waterMl: null,
    waterMinutesBefore: null,
    stopMedication:
      '服用抗凝或抗血小板药物（阿司匹林、氯吡格雷、华法林、利伐沙班等）者，须提前1周到门诊由医生评估是否停药，切勿自行停药；检查前3天停服铁剂；糖尿病患者检查当日早晨停用降糖药和胰岛素；降压药可在检查前3小时用一小口水送服。',
    bringPriorFilms: false,
    arriveEarlyMinutes: 30,
    preparationNotes:
      '肠道准备（以上午检查为例）：①检查前3天低渣饮食，不吃蔬菜、水果（尤其火龙果、猕猴桃、西瓜等带籽水果）、坚果和粗粮；②检查前1天只吃白粥、面条等无渣半流质，晚8点后禁食固体食物；③检查前1天晚8点将复方聚乙二醇电解质散1盒溶于1000毫升温水，1小时内喝完；④检查当天早晨（检查前4–6小时）将2盒溶于2000毫升温水，每10–15分钟喝250毫升，2小时内喝完，边喝边走动；⑤排出清水样便即为准备合格，仍有粪渣请告知护士；⑥最后一次服药须在检查前2小时前完成，之后禁水。下午检查者服药时间顺延，以预约短信为准。麻醉前需完成心电图、血常规和凝血功能检查并经麻醉评估；必须有成年家属陪同，当天不能自行驾车。',
    whatToExpect:
      '更换检查裤后左侧卧位，麻醉医生经静脉注射麻醉药，您将在几十秒内入睡，检查过程无痛感；检查约15–30分钟，如发现息肉可能同时取活检或切除。醒来后在复苏区观察约30分钟，清醒稳定后由家属陪同离开。',
    afterCare:
      '麻醉后24小时内不得驾车、骑车、高空作业或签署重要文件；清醒2小时后先喝少量温水，无不适再吃少渣半流质。轻微腹胀属正常，可多走动排气。做息肉切除者按医嘱进流质饮食，1–2周内避免剧烈运动和负重。如出现剧烈腹痛、便血较多或发热，请立即就诊。',
    resultReadyMinutes: 60,
    resultReadyText:
      '肠镜报告在复苏后（检查结束约1小时内）由护士交给您或家属；如取了活检或切除息肉，病理报告约5个工作日后在内镜中心登记台领取。',
  },

  // --- Pathology sample taken in the gynaecology exam room ------------------
  {
    code: 'PATH-TCT',
    name: '宫颈液基细胞学检查（TCT）',
    nameEn: 'Liquid-based cervical cytology (TCT)',
    allowedSex: 'FEMALE',
    category: 'LAB',
    departmentCode: 'OBGYN',
    roomCode: 'R-OBGYN-EXAM',
    feeFen: 18000,
    durationMinutes: 10,
    building: '门诊楼',
    floor: '4层',
    room: 'A区405室妇科检查室',
    route: '从门诊大厅乘电梯至4楼，出电梯右转进入A区，妇科诊室对面即为妇科检查室',
    fastingHours: null,
    fastingWater: null,
    noWaterHours: null,
    fullBladder: false,
    waterMl: null,
    waterMinutesBefore: null,
    stopMedication: '检查前3天停用阴道栓剂、阴道冲洗液等阴道用药。',
    bringPriorFilms: false,
    arriveEarlyMinutes: 15,
    preparationNotes:
      '请避开月经期，月经干净后3–7天检查最佳；检查前48小时内避免性生活和阴道冲洗。无性生活史者不做此项检查。检查前排空膀胱。',
    whatToExpect:
      '在检查床上取截石位，医生用窥器暴露宫颈，用专用小刷在宫颈口轻轻旋转取样，约3–5分钟，可能有轻微不适。检查室内仅医生、护士和您本人，注意隐私保护。',
    afterCare:
      '取样后1–2天内可能有少量血性分泌物，属正常现象；24小时内避免性生活和盆浴。如出血量超过月经量，请及时就诊。',
    resultReadyMinutes: 10080,
    resultReadyText: '约5个工作日后到门诊4楼妇科护士站领取报告，异常结果请挂号复诊。',
  },
];

// ---------------------------------------------------------------------------
// Notices shown on the home page of the mini-program and the display boards
// ---------------------------------------------------------------------------

export const notices: DemoNotice[] = [
  {
    title: '门诊号源每日07:00释放',
    body: '门诊号源每日07:00释放，可预约未来7天内的号源。请通过小程序“预约挂号”、预约电话或挂号窗口预约，预约患者按时段就诊、优先叫号。就诊前2小时以上可在小程序自行取消，之后请到窗口办理；90天内爽约3次将暂停线上预约90天。',
  },
  {
    title: '老年人就医绿色通道',
    body: '80岁以上老年人、残疾人、现役军人可在挂号收费1号窗口登记优先就诊。门诊1楼服务中心提供轮椅借用、陪诊引导和代预约服务；小程序“我的”页可开启“适老化模式”大字显示，并保留现场挂号和人工窗口，不会用智能手机也能正常看病。',
  },
  {
    title: '窗口支持医保电子凭证',
    body: '本院挂号收费窗口已开通医保电子凭证，挂号、缴费、取药时在窗口出示医保电子凭证二维码即可结算，无需携带实体社保卡。首次使用请先在微信“医保电子凭证”中激活。小程序内目前只能使用微信支付自费结算，需要医保结算的请到窗口办理。',
  },
  {
    title: '就诊停车与交通提示',
    body: '院内地下停车场入口位于人民路东侧，工作日07:30–10:30车位紧张，建议绿色出行：地铁2号线“人民医院站”B出口步行约3分钟，或乘坐12路、35路公交至“市一医院站”。就诊患者凭当日挂号记录可享首小时免费停车。',
  },
];

// ---------------------------------------------------------------------------
// Weekly rosters (排班模板). Clinics: AM 08:00–12:00, PM 13:30–17:00, evening 18:00–20:30 (paediatrics and
// dermatology only), 30-minute slots; 2–4 places per slot for expert and special clinics, 3–6 for general
// ones. One doctor per consulting room per session. Exams run on weekdays in their own room, a few also on
// Saturday morning, with shorter slots and more places where the exam is quick.
// ---------------------------------------------------------------------------

export interface DemoRoster {
  /** A doctor's clinic … */
  doctorCode: string | null;
  /** … or an exam service (exactly one of the two). */
  examTypeCode: string | null;
  roomCode: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  period: SessionPeriod;
  startTime: string;
  endTime: string;
  slotMinutes: number;
  capacityPerSlot: number;
}

const HOURS: Record<SessionPeriod, [string, string]> = {
  AM: ['08:00', '12:00'],
  PM: ['13:30', '17:00'],
  EVENING: ['18:00', '20:30'],
};

/** [weekday, period, room] */
type Sitting = [number, SessionPeriod, string];

function clinic(doctorCode: string, capacityPerSlot: number, sittings: Sitting[]): DemoRoster[] {
  return sittings.map(([weekday, period, roomCode]) => ({
    doctorCode,
    examTypeCode: null,
    roomCode,
    weekday,
    period,
    startTime: HOURS[period][0],
    endTime: HOURS[period][1],
    slotMinutes: 30,
    capacityPerSlot,
  }));
}

function exam(
  examTypeCode: string,
  roomCode: string,
  shape: { slotMinutes: number; capacityPerSlot: number },
  sittings: { weekdays: number[]; period: SessionPeriod; startTime?: string; endTime?: string }[],
): DemoRoster[] {
  return sittings.flatMap((s) =>
    s.weekdays.map((weekday) => ({
      doctorCode: null,
      examTypeCode,
      roomCode,
      weekday,
      period: s.period,
      startTime: s.startTime ?? HOURS[s.period][0],
      endTime: s.endTime ?? (s.period === 'PM' ? '16:30' : HOURS[s.period][1]),
      ...shape,
    })),
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5];
const MON_SAT = [1, 2, 3, 4, 5, 6];

export const rosters: DemoRoster[] = [
  // 特需夜诊: one hour, one place per slot, three evenings a week — small enough that the demo shows it full,
  // with a waitlist.
  ...[1, 3, 5].map(
    (weekday): DemoRoster => ({
      doctorCode: 'D001',
      examTypeCode: null,
      roomCode: 'R-CARDIO-1',
      weekday,
      period: 'EVENING',
      startTime: '18:00',
      endTime: '19:00',
      slotMinutes: 30,
      capacityPerSlot: 1,
    }),
  ),
  // 心血管内科
  ...clinic('D001', 2, [
    [2, 'AM', 'R-CARDIO-1'],
    [4, 'AM', 'R-CARDIO-1'],
  ]),
  ...clinic('D002', 3, [
    [1, 'AM', 'R-CARDIO-1'],
    [3, 'AM', 'R-CARDIO-1'],
    [5, 'PM', 'R-CARDIO-1'],
  ]),
  ...clinic('D003', 5, [
    [1, 'PM', 'R-CARDIO-2'],
    [2, 'AM', 'R-CARDIO-2'],
    [3, 'PM', 'R-CARDIO-2'],
    [4, 'AM', 'R-CARDIO-2'],
    [6, 'AM', 'R-CARDIO-2'],
  ]),
  // 消化内科
  ...clinic('D004', 3, [
    [1, 'AM', 'R-GI-1'],
    [4, 'AM', 'R-GI-1'],
  ]),
  ...clinic('D005', 3, [
    [2, 'AM', 'R-GI-1'],
    [3, 'PM', 'R-GI-1'],
    [5, 'AM', 'R-GI-1'],
  ]),
  ...clinic('D006', 5, [
    [1, 'PM', 'R-GI-2'],
    [2, 'PM', 'R-GI-2'],
    [3, 'AM', 'R-GI-2'],
    [5, 'AM', 'R-GI-2'],
  ]),
  // 呼吸内科 (one room, shared by turns)
  ...clinic('D007', 3, [
    [2, 'AM', 'R-RESP-1'],
    [4, 'PM', 'R-RESP-1'],
  ]),
  ...clinic('D008', 5, [
    [1, 'AM', 'R-RESP-1'],
    [3, 'AM', 'R-RESP-1'],
    [4, 'AM', 'R-RESP-1'],
    [5, 'PM', 'R-RESP-1'],
  ]),
  // 普外科
  ...clinic('D009', 2, [
    [3, 'AM', 'R-SURG-1'],
    [5, 'AM', 'R-SURG-1'],
  ]),
  ...clinic('D010', 3, [
    [1, 'AM', 'R-SURG-1'],
    [4, 'PM', 'R-SURG-1'],
    [6, 'AM', 'R-SURG-1'],
  ]),
  ...clinic('D011', 5, [
    [2, 'AM', 'R-SURG-2'],
    [2, 'PM', 'R-SURG-2'],
    [4, 'AM', 'R-SURG-2'],
    [5, 'PM', 'R-SURG-2'],
  ]),
  // 骨科
  ...clinic('D012', 3, [
    [1, 'AM', 'R-ORTHO-1'],
    [3, 'AM', 'R-ORTHO-1'],
    [5, 'PM', 'R-ORTHO-1'],
  ]),
  ...clinic('D013', 6, [
    [1, 'PM', 'R-ORTHO-2'],
    [2, 'AM', 'R-ORTHO-2'],
    [4, 'AM', 'R-ORTHO-2'],
    [6, 'AM', 'R-ORTHO-2'],
  ]),
  // 儿科: evening clinics on weekdays and a Sunday morning clinic
  ...clinic('D014', 4, [
    [2, 'AM', 'R-PED-1'],
    [4, 'AM', 'R-PED-1'],
    [6, 'AM', 'R-PED-1'],
  ]),
  ...clinic('D015', 6, [
    [1, 'AM', 'R-PED-2'],
    [1, 'EVENING', 'R-PED-2'],
    [3, 'PM', 'R-PED-2'],
    [4, 'EVENING', 'R-PED-2'],
  ]),
  ...clinic('D016', 6, [
    [2, 'EVENING', 'R-PED-2'],
    [3, 'EVENING', 'R-PED-1'],
    [5, 'EVENING', 'R-PED-2'],
    [7, 'AM', 'R-PED-2'],
  ]),
  // 妇产科
  ...clinic('D017', 2, [
    [3, 'AM', 'R-OBGYN-1'],
    [5, 'AM', 'R-OBGYN-1'],
  ]),
  ...clinic('D018', 3, [
    [1, 'AM', 'R-OBGYN-1'],
    [2, 'PM', 'R-OBGYN-1'],
    [4, 'AM', 'R-OBGYN-1'],
  ]),
  ...clinic('D019', 5, [
    [1, 'AM', 'R-OBGYN-2'],
    [2, 'AM', 'R-OBGYN-2'],
    [3, 'PM', 'R-OBGYN-2'],
    [4, 'PM', 'R-OBGYN-2'],
    [6, 'AM', 'R-OBGYN-2'],
  ]),
  // 皮肤科: evening clinics on Tuesday and Thursday
  ...clinic('D020', 4, [
    [1, 'AM', 'R-DERM-1'],
    [3, 'AM', 'R-DERM-1'],
    [5, 'AM', 'R-DERM-1'],
  ]),
  ...clinic('D021', 6, [
    [2, 'AM', 'R-DERM-1'],
    [2, 'EVENING', 'R-DERM-1'],
    [4, 'PM', 'R-DERM-1'],
    [4, 'EVENING', 'R-DERM-1'],
  ]),
  // 眼科
  ...clinic('D022', 3, [
    [2, 'AM', 'R-OPHTH-1'],
    [4, 'AM', 'R-OPHTH-1'],
    [5, 'PM', 'R-OPHTH-1'],
  ]),
  ...clinic('D023', 5, [
    [1, 'AM', 'R-OPHTH-2'],
    [1, 'PM', 'R-OPHTH-2'],
    [3, 'AM', 'R-OPHTH-2'],
    [6, 'AM', 'R-OPHTH-2'],
  ]),
  // 口腔科 (one chair-side room; treatments take longer, so fewer places)
  ...clinic('D024', 2, [
    [1, 'AM', 'R-STOMA-1'],
    [3, 'PM', 'R-STOMA-1'],
    [5, 'AM', 'R-STOMA-1'],
  ]),
  ...clinic('D025', 3, [
    [2, 'AM', 'R-STOMA-1'],
    [2, 'PM', 'R-STOMA-1'],
    [4, 'AM', 'R-STOMA-1'],
    [6, 'AM', 'R-STOMA-1'],
  ]),
  // 耳鼻咽喉科
  ...clinic('D026', 3, [
    [1, 'PM', 'R-ENT-1'],
    [3, 'AM', 'R-ENT-1'],
    [5, 'AM', 'R-ENT-1'],
  ]),
  ...clinic('D027', 5, [
    [1, 'AM', 'R-ENT-1'],
    [2, 'AM', 'R-ENT-1'],
    [4, 'PM', 'R-ENT-1'],
    [5, 'PM', 'R-ENT-1'],
  ]),

  // --- Exams ----------------------------------------------------------------
  // Fasting blood is drawn early, Monday to Saturday.
  ...exam('LAB-FBG-LIPID', 'R-LAB-DRAW', { slotMinutes: 15, capacityPerSlot: 12 }, [
    { weekdays: MON_SAT, period: 'AM', startTime: '07:30', endTime: '10:30' },
  ]),
  ...exam('LAB-CBC', 'R-LAB-DRAW', { slotMinutes: 15, capacityPerSlot: 8 }, [
    { weekdays: MON_SAT, period: 'AM', startTime: '07:30', endTime: '11:30' },
    { weekdays: WEEKDAYS, period: 'PM' },
  ]),
  ...exam('LAB-UA', 'R-LAB-SAMPLE', { slotMinutes: 30, capacityPerSlot: 10 }, [
    { weekdays: WEEKDAYS, period: 'AM', endTime: '11:30' },
    { weekdays: WEEKDAYS, period: 'PM' },
  ]),
  // Abdominal ultrasound needs an empty stomach: mornings only.
  ...exam('US-ABD', 'R-US-1', { slotMinutes: 30, capacityPerSlot: 2 }, [
    { weekdays: MON_SAT, period: 'AM', endTime: '11:30' },
  ]),
  ...exam('US-URO', 'R-US-2', { slotMinutes: 30, capacityPerSlot: 2 }, [
    { weekdays: WEEKDAYS, period: 'AM', endTime: '11:30' },
    { weekdays: WEEKDAYS, period: 'PM' },
  ]),
  ...exam('US-PELVIS', 'R-US-3', { slotMinutes: 30, capacityPerSlot: 2 }, [
    { weekdays: WEEKDAYS, period: 'AM', endTime: '11:30' },
    { weekdays: WEEKDAYS, period: 'PM' },
  ]),
  ...exam('DR-CHEST', 'R-RAD-DR1', { slotMinutes: 15, capacityPerSlot: 3 }, [
    { weekdays: MON_SAT, period: 'AM' },
    { weekdays: WEEKDAYS, period: 'PM' },
  ]),
  ...exam('CT-CHEST', 'R-RAD-CT1', { slotMinutes: 15, capacityPerSlot: 2 }, [
    { weekdays: MON_SAT, period: 'AM' },
    { weekdays: WEEKDAYS, period: 'PM' },
  ]),
  ...exam('CT-ABD-ENH', 'R-RAD-CT2', { slotMinutes: 20, capacityPerSlot: 1 }, [
    { weekdays: WEEKDAYS, period: 'AM' },
    { weekdays: WEEKDAYS, period: 'PM' },
  ]),
  ...exam('MR-HEAD', 'R-RAD-MR1', { slotMinutes: 30, capacityPerSlot: 1 }, [
    { weekdays: WEEKDAYS, period: 'AM' },
    { weekdays: WEEKDAYS, period: 'PM' },
  ]),
  ...exam('DXA', 'R-RAD-DXA', { slotMinutes: 15, capacityPerSlot: 1 }, [
    { weekdays: WEEKDAYS, period: 'AM' },
    { weekdays: [2, 4], period: 'PM' },
  ]),
  ...exam('ECG-12', 'R-FUNC-ECG', { slotMinutes: 15, capacityPerSlot: 3 }, [
    { weekdays: MON_SAT, period: 'AM' },
    { weekdays: WEEKDAYS, period: 'PM' },
  ]),
  // Holter monitors are fitted in the morning and returned the next morning.
  ...exam('ECG-HOLTER', 'R-FUNC-HOLTER', { slotMinutes: 20, capacityPerSlot: 2 }, [
    { weekdays: WEEKDAYS, period: 'AM', endTime: '11:00' },
  ]),
  ...exam('EGD', 'R-ENDO-1', { slotMinutes: 30, capacityPerSlot: 2 }, [
    { weekdays: WEEKDAYS, period: 'AM', endTime: '11:30' },
  ]),
  // Painless colonoscopy in the afternoon, after the morning's bowel preparation.
  ...exam('COLO-PAINLESS', 'R-ENDO-2', { slotMinutes: 30, capacityPerSlot: 1 }, [
    { weekdays: WEEKDAYS, period: 'PM' },
  ]),
  ...exam('PATH-TCT', 'R-OBGYN-EXAM', { slotMinutes: 15, capacityPerSlot: 2 }, [
    { weekdays: WEEKDAYS, period: 'AM', endTime: '11:30' },
    { weekdays: [2, 4], period: 'PM' },
  ]),
];

/** Demo patients who already use the app; each signs in locally with `dev:<login>` (see README). */
export const demoPatients: {
  login: string;
  name: string;
  birth: string;
  sex: 'MALE' | 'FEMALE';
  phone: string;
}[] = [
  { login: '张伟', name: '张伟', birth: '19780312', sex: 'MALE', phone: '13812340001' },
  { login: '王芳', name: '王芳', birth: '19850721', sex: 'FEMALE', phone: '13812340002' },
  { login: '李娜', name: '李娜', birth: '19920105', sex: 'FEMALE', phone: '13812340003' },
  { login: '刘洋', name: '刘洋', birth: '19670930', sex: 'MALE', phone: '13812340004' },
];
